// `npm test`: build what is stale, run every package's vitest suite with a JSON report, and print
// one totals line, `N passed, N failed` (CI reads that line, not the runners' own summaries).
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

for (const suite of SUITES) {
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
  const suiteFailed = json.numFailedTests + (run.status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  passed += json.numPassedTests;
  failed += suiteFailed;
  console.log(`[test] ${suite}: ${json.numPassedTests} passed, ${suiteFailed} failed`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
