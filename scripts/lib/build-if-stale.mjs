// Builds a workspace package only when its sources changed since the last build, so a second
// `npm start` (and `npm test`) skips straight to running. Staleness is a content hash, not mtimes:
// a fresh clone or a branch switch can't fool it.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What each package builds from and into, in build order (the backend requires the dist of rule-nodes, templates and flow-runtime). */
export const PACKAGES = [
  {
    name: 'rule-nodes',
    inputs: ['src', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json'],
    output: 'dist/index.js',
    stampDir: 'dist',
  },
  {
    name: 'templates',
    inputs: ['src', 'recipes', 'tsconfig.json', 'tsconfig.build.json', 'package.json'],
    output: 'dist/index.js',
    stampDir: 'dist',
  },
  {
    name: 'web',
    inputs: ['src', 'angular.json', 'tsconfig.json', 'tsconfig.app.json', 'package.json'],
    output: 'dist/web/browser/index.html',
    stampDir: 'dist',
  },
  {
    name: 'flow-runtime',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'],
    output: 'dist/index.js',
    stampDir: 'dist',
  },
  {
    name: 'backend',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'],
    output: 'dist/main.js',
    stampDir: 'dist',
  },
];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) return yield path;
  for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
}

function sourceHash(pkg) {
  const dir = join(ROOT, pkg.name);
  const hash = createHash('sha256');
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  for (const input of pkg.inputs) {
    for (const file of files(join(dir, input))) {
      hash.update(relative(dir, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/** Builds `pkg` if its output is missing or its sources changed; returns what it did. */
export function buildIfStale(pkg, log = console.log) {
  const dir = join(ROOT, pkg.name);
  const stamp = join(dir, pkg.stampDir, '.build-stamp');
  const hash = sourceHash(pkg);
  const fresh = existsSync(join(dir, pkg.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (fresh) return 'fresh';
  log(`building ${pkg.name}…`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build', '-w', pkg.name], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building ${pkg.name} failed (exit ${result.status})`);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, hash);
  log(`built ${pkg.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

export function buildAllIfStale(log = console.log) {
  for (const pkg of PACKAGES) buildIfStale(pkg, log);
}
