// `npm start`: build what is stale, then run the platform on embedded defaults (API + worker +
// flow runtime child + the web app) from the repository root, so ./data/ holds the SQLite file.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildAllIfStale, ROOT } from './lib/build-if-stale.mjs';

const started = Date.now();
try {
  buildAllIfStale((line) => console.log(`[start] ${line}`));
} catch (error) {
  console.error(`[start] ${error.message}`);
  process.exit(1);
}
console.log(`[start] builds ready in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the platform`);

const server = spawn(process.execPath, [join(ROOT, 'backend', 'dist', 'main.js')], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
