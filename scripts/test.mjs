// `npm test`: build what is stale, run every package's vitest suite with a JSON report, and print
// one totals line, `N passed, N failed` (CI reads that line, not the runners' own summaries).
// It needs nothing installed beyond `npm ci`: ffmpeg/ffprobe come in npm packages, and Chromium for
// the browser journeys, pdftotext (poppler-utils) for the PDF report specs and WordPress (with PHP) for
// the real-WordPress spec are installed here when missing and we may (root on Debian).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildAllIfStale, ROOT } from './lib/build-if-stale.mjs';

const SUITES = ['rule-nodes', 'backend', 'flow-runtime', 'web'];
const results = join(ROOT, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
try {
  buildAllIfStale((line) => console.log(`[test] ${line}`));
} catch (error) {
  console.error(`[test] ${error.message}`);
  failed++;
}

// Specs and browser journeys are not compiled by the builds, and vitest strips their types unread.
console.log('\n[test] typecheck');
if (
  spawnSync('npm', ['run', 'typecheck', '--workspaces', '--if-present'], { cwd: ROOT, stdio: 'inherit' }).status !== 0
) {
  console.error('[test] typecheck failed; counted as one failure');
  failed++;
}

/** The browser the journeys launch (web/e2e/harness.ts); installed with apt when missing and we are root. */
const CHROMIUM = '/usr/bin/chromium';
function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log(`[test] ${CHROMIUM} is missing: apt-get install -y chromium (about 30 s)`);
    const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'chromium'])) return existsSync(CHROMIUM);
  }
  return false;
}

/** Poppler's pdftotext, with which specs read generated PDF reports back; installed like Chromium. */
const PDFTOTEXT = '/usr/bin/pdftotext';
function ensurePdftotext() {
  if (existsSync(PDFTOTEXT)) return;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log(`[test] ${PDFTOTEXT} is missing: apt-get install -y poppler-utils`);
    const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
    if (apt(['update', '-qq']) && apt(['install', '-y', '-qq', 'poppler-utils'])) return;
  }
  // The report specs then fail at their first read, counted: never skipped unseen.
  console.error(`[test] ${PDFTOTEXT} is missing and could not be installed (Debian: apt-get install poppler-utils)`);
}

/**
 * Debian's WordPress with PHP's CLI and MySQL driver, for the spec that publishes to a real WordPress
 * (backend/src/testing/wordpress-site.ts); installed like Chromium. Apache comes along as a
 * dependency and is not started.
 */
const WORDPRESS = '/usr/share/wordpress/wp-settings.php';
function ensureWordPress() {
  const php = () => spawnSync('php', ['-r', 'exit(function_exists("mysqli_connect") ? 0 : 1);']).status === 0;
  if (existsSync(WORDPRESS) && php()) return;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log('[test] WordPress is missing: apt-get install -y wordpress php-cli php-mysql (about a minute)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
    if (
      apt(['update', '-qq']) &&
      apt(['install', '-y', '-qq', '--no-install-recommends', 'wordpress', 'php-cli', 'php-mysql'])
    )
      return;
  }
  // The WordPress spec then fails at its start, counted: never skipped unseen.
  console.error(
    '[test] WordPress is missing and could not be installed (Debian: apt-get install wordpress php-cli php-mysql)',
  );
}

for (const suite of SUITES) {
  if (suite === 'backend' || suite === 'web') ensurePdftotext();
  if (suite === 'backend') ensureWordPress();
  const noBrowser = suite === 'web' && !ensureChromium();
  if (noBrowser) {
    // The journeys still run, and each fails at its browser launch: counted, never skipped unseen.
    console.error(
      `[test] web: Chromium is not at ${CHROMIUM} and could not be installed here (needs root and apt-get); ` +
        'install it (Debian: apt-get install chromium) — every browser journey below fails without it',
    );
  }
  const report = join(results, `${suite}.json`);
  console.log(`\n[test] ${suite}`);
  const run = spawnSync(
    'npm',
    ['test', '-w', suite, '--', '--reporter=default', '--reporter=json', `--outputFile=${report}`],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (!existsSync(report)) {
    console.error(`[test] ${suite}: the run produced no report (exit ${run.status}); counted as one failure`);
    failed++;
    continue;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  let suiteFailed = json.numFailedTests + (run.status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  // A journey whose browser never started may be reported skipped (its beforeAll failed): it failed.
  if (noBrowser) suiteFailed = Math.max(suiteFailed, json.numTotalTests - json.numPassedTests);
  passed += json.numPassedTests;
  failed += suiteFailed;
  console.log(`[test] ${suite}: ${json.numPassedTests} passed, ${suiteFailed} failed`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
