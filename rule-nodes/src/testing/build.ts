import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Node specs load the built node files, as Node-RED does: build first. */
export default function setup(): void {
  execFileSync('npm', ['run', 'build'], { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
}
