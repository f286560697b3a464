// npm run bench:analytics — a year of a large agency's analytics, read the way the dashboards read
// them. On a fresh SQLite data dir: one workspace with 50 Sandbox accounts, 100,000 published posts
// and 3,000,000 metric snapshots (30 per post, from an hour to three months after publishing) fed
// in collection order through AnalyticsIngest.record, which keeps every rollup current (prints
// snapshots/s), plus a year of daily account stats. Then the server as `npm start` runs it, and at
// 16 concurrent clients p50/p99 of the 90-day overview, the posts table sorted by engagement and
// the best-times heatmap. BENCH_POSTS and BENCH_SNAPSHOTS make a quick run smaller.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrate, measureReads, startMain } from './bench-kit.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => require(join(import.meta.dirname, '..', 'dist', path));

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const SNAPSHOTS = Number(process.env.BENCH_SNAPSHOTS ?? 3_000_000);
const ACCOUNTS = 50;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const ZONE = 'Europe/Paris';
const YEAR = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;
/** Hours after publishing each snapshot is taken at: the collection cadence, denser than the product's. */
const OFFSETS_H = [
  1, 2, 4, 6, 9, 12, 18, 24, 36, 48, 72, 96, 120, 144, 168, 216, 264, 336, 408, 480, 552, 624, 720, 888, 1056, 1224,
  1392, 1560, 1728, 2160,
];
const PER_POST = Math.max(1, Math.min(OFFSETS_H.length, Math.round(SNAPSHOTS / POSTS)));
const TAGS = 200;
const TYPES = ['status', 'photo', 'video', 'link'];
const CHUNK = 5_000;

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
const publishedAt = (i) => YEAR + Math.floor((i / POSTS) * YEAR_MS);
/** A post's luck: 0.5 … 1.5, and a better hour of the day in the evening. */
const luck = (i) => 0.5 + ((i * 2654435761) % 1000) / 1000;

const appEnv = (dir) => ({
  NODE_ENV: 'development',
  DATA_DIR: dir,
  LOG_LEVEL: 'warn',
  FLOW_RUNTIME: 'off',
  WEB_DIST_DIR: 'off',
  RUN_WORKER: 'false',
  API_RATE_LIMIT: '0',
  PUBLIC_URL: 'http://127.0.0.1',
});

/** The app in this process (migrated, no worker): the workspace and accounts through its API, then the seed. */
async function seed(dir) {
  const { loadConfig } = dist('config/app-config.js');
  const { createApp } = dist('bootstrap.js');
  const { AnalyticsIngest } = dist('analytics/analytics-ingest.service.js');
  const { localSlot } = dist('analytics/local-time.js');
  const app = await createApp(loadConfig(appEnv(dir)));
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const call = async (path, body, headers = {}) => {
    const res = await fetch(`${base.replace('[::1]', '127.0.0.1')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
  try {
    const { accessToken } = await call('/api/v1/auth/register', {
      email: 'bench@example.com',
      password: 'correct horse battery',
      name: 'Bench',
    });
    const auth = { authorization: `Bearer ${accessToken}` };
    const workspaceId = (await call('/api/v1/workspaces', { name: 'Bench agency', timeZone: ZONE }, auth)).id;
    const member = { ...auth, 'x-workspace-id': workspaceId };
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++)
      accounts.push((await call('/api/v1/accounts', { network: 'sandbox', name: `Bench ${i}` }, member)).id);

    const ingest = app.get(AnalyticsIngest);
    const ids = Array.from({ length: POSTS }, (_, i) => `b0000000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    // Tracked through analytics' bulk path: rows, hashtags, posts published per account and hashtag day.
    const tracking = app.get(dist('analytics/analytics-tracking.service.js').AnalyticsTracking);
    for (let from = 0; from < POSTS; from += 1_000) {
      const posts = [];
      for (let i = from; i < Math.min(POSTS, from + 1_000); i++) {
        const tags = [...new Set([`tag${i % TAGS}`, `tag${(i * 7) % TAGS}`])];
        posts.push({
          workspaceId,
          accountId: accounts[i % ACCOUNTS],
          network: 'sandbox',
          postId: ids[i],
          variantId: ids[i],
          externalId: `bench-${i}`,
          authorId: null,
          postType: TYPES[i % TYPES.length],
          mediaKind: null,
          text: `Bench post ${i} ${tags.map((t) => `#${t}`).join(' ')}`,
          url: null,
          publishedAt: new Date(publishedAt(i)),
        });
      }
      await tracking.trackMany(posts, { collect: false });
    }

    // Snapshots in the order collection takes them: a merge of each offset's stream (posts in publish order).
    const heads = OFFSETS_H.slice(0, PER_POST).map((hours, k) => ({ k, hours, i: 0 }));
    const due = (h) => publishedAt(h.i) + h.hours * 3_600_000;
    let ingested = 0;
    let spent = 0;
    const total = POSTS * PER_POST;
    while (ingested < total) {
      const chunk = [];
      while (chunk.length < CHUNK && ingested + chunk.length < total) {
        let next = null;
        for (const h of heads) if (h.i < POSTS && (!next || due(h) < due(next))) next = h;
        const takenAt = new Date(due(next));
        const i = next.i++;
        const growth = (next.k + 1) / PER_POST;
        const evening = localSlot(new Date(publishedAt(i)), ZONE).hour >= 17 ? 1.4 : 1;
        const impressions = Math.round(2_000 * luck(i) * growth * evening);
        chunk.push({
          analyticsPostId: ids[i],
          takenAt,
          metrics: {
            impressions,
            reach: Math.round(impressions * 0.7),
            clicks: Math.round(impressions * 0.01),
            reactions: Math.round(impressions * 0.04),
            reactionsByType: null,
            comments: Math.round(impressions * 0.005),
            shares: Math.round(impressions * 0.003),
            saves: null,
            videoViews: i % TYPES.length === 2 ? impressions : null,
          },
        });
      }
      const t0 = performance.now();
      await ingest.record(chunk);
      spent += performance.now() - t0;
      ingested += chunk.length;
      if (ingested % 500_000 < CHUNK) console.log(`  ${ingested.toLocaleString('en')} snapshots…`);
    }
    console.log(
      `ingestion: ${ingested.toLocaleString('en')} snapshots of ${POSTS.toLocaleString('en')} posts in ${(spent / 1000).toFixed(1)} s → ` +
        `${Math.round(ingested / (spent / 1000))} snapshots/s with post, account, hashtag and best-time rollups current`,
    );
    const stats = [];
    for (let d = 0; d < 365; d++) {
      const day = new Date(YEAR + d * 86_400_000).toISOString().slice(0, 10);
      for (let a = 0; a < ACCOUNTS; a++)
        stats.push({
          accountId: accounts[a],
          day,
          stats: { followers: 1_000 * (a + 1) + d * 3, following: 100, posts: d, profileViews: null },
        });
    }
    for (let i = 0; i < stats.length; i += 2_000) await ingest.recordAccountStatsMany(stats.slice(i, i + 2_000));
    return { workspaceId };
  } finally {
    await app.close();
  }
}

async function main() {
  const yardstick = await calibrate(CLIENTS);
  const dir = mkdtempSync(join(tmpdir(), 'so-bench-analytics-'));
  try {
    const { workspaceId } = await seed(dir);
    const { base, child } = await startMain(
      dir,
      { FLOW_RUNTIME: 'off', API_RATE_LIMIT: '0' },
      async (r) => r.ok,
      'the server',
    );
    try {
      // Signed in again: the seed takes longer than an access token lives.
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench@example.com', password: 'correct horse battery' }),
      });
      if (!login.ok) throw new Error(`login → ${login.status} ${await login.text()}`);
      const headers = { authorization: `Bearer ${(await login.json()).accessToken}`, 'x-workspace-id': workspaceId };
      console.log(`yardstick ${yardstick} bare HTTP round trips/s`);
      const range = 'from=2026-10-02&to=2026-12-30';
      const reads = [
        ['overview, 90 days', `/api/v1/analytics/overview?${range}`],
        ['posts sorted by engagement, 90 days (50)', `/api/v1/analytics/posts?${range}&sort=engagement&limit=50`],
        ['best-times heatmap, workspace', '/api/v1/analytics/best-times'],
      ];
      await measureReads(
        base,
        reads,
        headers,
        { agent, clients: CLIENTS, requests: REQUESTS, seconds: SECONDS, warmup: WARMUP },
        size,
      );
    } finally {
      agent.destroy();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    // BENCH_KEEP=1 leaves the seeded data dir for a look at the query plans.
    if (process.env.BENCH_KEEP) console.log(`data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** What a response held, so a fast empty answer shows for what it is. */
function size(body) {
  if (Array.isArray(body.series))
    return `${body.series.length} days, ${body.totals.postsPublished.value} posts, ${body.totals.engagement.value} engagement`;
  if (Array.isArray(body.items))
    return `${body.items.length} posts, top engagement ${body.items[0]?.metrics.engagement}`;
  if (Array.isArray(body.cells))
    return `${body.cells.filter((c) => c.value !== null).length} of 168 cells rated, enoughData ${body.enoughData}`;
  return `${JSON.stringify(body).length} bytes`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
