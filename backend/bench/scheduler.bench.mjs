// npm run bench:scheduler — 10,000 Sandbox variants due in the same minute, published by one
// worker on embedded SQLite. Prints dispatch rate and lateness, and checks exactly-once.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const dist = (path) => require(join(import.meta.dirname, '..', 'dist', path));

const VARIANTS = Number(process.env.BENCH_VARIANTS ?? 10_000);
const ACCOUNTS = Math.ceil(VARIANTS / 25); // each account stays within the Sandbox's daily quota
const LEAD_MS = 5_000;

require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { DataSource } = require('typeorm');
const { AppModule } = dist('app.module.js');
const { loadConfig } = dist('config/app-config.js');
const { PublishingEngine } = dist('publishing/publishing-engine.js');
const { newId } = dist('common/ids.js');

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function seed(db, start, spreadMs) {
  const workspaceId = newId();
  await db
    .getRepository('Workspace')
    .insert({ id: workspaceId, name: 'Bench', timeZone: 'UTC', defaultPostingTimes: [] });
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
    id: newId(),
    workspaceId,
    network: 'sandbox',
    name: `Bench ${i}`,
    externalAccountId: `sandbox-bench-${i}`,
    status: 'active',
    accessTokenSealed: null,
    scopes: [],
    missingScopes: [],
    settings: {},
  }));
  for (let i = 0; i < accounts.length; i += 200)
    await db.getRepository('SocialAccount').insert(accounts.slice(i, i + 200));
  const posts = [];
  const variants = [];
  for (let i = 0; i < VARIANTS; i++) {
    const postId = newId();
    posts.push({ id: postId, workspaceId, text: `bench post ${i}`, state: 'scheduled', source: 'api' });
    variants.push({
      id: newId(),
      postId,
      workspaceId,
      accountId: accounts[i % ACCOUNTS].id,
      postType: 'status',
      mediaIds: [],
      options: {},
      state: 'scheduled',
      scheduledAt: new Date(start + Math.floor((i / VARIANTS) * spreadMs)),
    });
  }
  for (let i = 0; i < VARIANTS; i += 500) {
    await db.getRepository('Post').insert(posts.slice(i, i + 500));
    await db.getRepository('PostVariant').insert(variants.slice(i, i + 500));
  }
  return { accounts };
}

async function run(label, spreadMs) {
  const dir = mkdtempSync(join(tmpdir(), 'so-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256',
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: 'off',
    FLOW_RUNTIME: 'off',
    PUBLISH_POLL_MS: '100',
    PUBLISH_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '64',
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, 'api'), { logger: ['error'] });
  const db = app.get(DataSource);
  // Accounts need a readable token: seal one with the app's own key.
  const start = Date.now() + LEAD_MS + VARIANTS / 5;
  await seed(db, start, spreadMs);
  const { SecretBox } = dist('common/secret-box.js');
  await db.query(`UPDATE social_accounts SET accessTokenSealed = ?`, [
    new SecretBox(config.encryptionKey).seal('bench'),
  ]);

  const engine = app.get(PublishingEngine);
  engine.start();
  const t0 = performance.now();
  let published = 0;
  while (published < VARIANTS) {
    await new Promise((r) => setTimeout(r, 250));
    [{ n: published }] = await db.query(`SELECT COUNT(*) AS n FROM publish_jobs WHERE status = 'published'`);
    if (performance.now() - t0 > 10 * 60_000) throw new Error(`only ${published} published after 10 minutes`);
  }
  await engine.stop();

  const jobs = await db.query(`SELECT occurrenceAt, publishedAt FROM publish_jobs WHERE status = 'published'`);
  const lateness = jobs
    .map((j) => new Date(j.publishedAt + 'Z').getTime() - new Date(j.occurrenceAt + 'Z').getTime())
    .sort((a, b) => a - b);
  const times = jobs.map((j) => new Date(j.publishedAt + 'Z').getTime()).sort((a, b) => a - b);
  const firstDue = start;
  const window = Math.max(1, times.at(-1) - Math.min(times[0], firstDue)) / 1000;
  const [{ n: onNetwork }] = await db.query(`SELECT COUNT(*) AS n FROM sandbox_posts`);
  const [{ n: distinct }] = await db.query(`SELECT COUNT(DISTINCT idempotencyKey) AS n FROM sandbox_posts`);
  const [{ n: jobsTotal }] = await db.query(`SELECT COUNT(*) AS n FROM publish_jobs`);
  const [{ n: variantsPublished }] = await db.query(
    `SELECT COUNT(*) AS n FROM post_variants WHERE state = 'published'`,
  );
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  const exactlyOnce =
    onNetwork === VARIANTS && distinct === VARIANTS && jobsTotal === VARIANTS && variantsPublished === VARIANTS;
  console.log(
    `${label}: ${VARIANTS} variants over ${spreadMs / 1000} s → dispatched ${(VARIANTS / window).toFixed(0)} posts/s; ` +
      `lateness p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness.at(-1)} ms; ` +
      `exactly once: ${exactlyOnce ? 'yes' : `NO (network ${onNetwork}, distinct ${distinct}, jobs ${jobsTotal}, variants ${variantsPublished})`}`,
  );
  return exactlyOnce;
}

// BENCH_PHASES=burst (or spread) runs one phase, e.g. to profile it.
const phases = (process.env.BENCH_PHASES ?? 'spread,burst').split(',');
let ok = true;
if (phases.includes('spread')) ok = (await run('spread across the minute', 60_000)) && ok;
if (phases.includes('burst')) ok = (await run('all due at the same moment', 0)) && ok;
process.exit(ok ? 0 : 1);
