// `npm run build`: builds every workspace package in dependency order (the same list `npm start`
// and `npm test` build from), skipping those whose sources did not change.
import { buildAllIfStale } from './lib/build-if-stale.mjs';

try {
  buildAllIfStale((line) => console.log(`[build] ${line}`));
} catch (error) {
  console.error(`[build] ${error.message}`);
  process.exit(1);
}
