import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** vitest globalSetup: the supervisor forks the compiled host, so specs run against a fresh build. */
export default function setup(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
}
