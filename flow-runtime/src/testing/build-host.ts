import { execFileSync } from 'node:child_process';

/** The supervisor forks the compiled host, so specs run against a fresh build of it. */
export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: process.cwd(), stdio: 'inherit' });
}
