// npm run bench:<name>: builds what is stale, then runs the backend's benchmark of that name.
import { spawnSync } from 'node:child_process';
import { buildAllIfStale, ROOT } from './lib/build-if-stale.mjs';

const name = process.argv[2];
buildAllIfStale();
const result = spawnSync('npm', ['run', `bench:${name}`, '-w', 'backend'], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
