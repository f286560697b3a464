// npm run bench:api — a year of a large agency's posts, read the way the app reads them. Starts the
// server as `npm start` does on a fresh SQLite data dir, imports 100,000 posts over 50 accounts
// through the public import (CSV upload, then the job followed to its end; prints rows/s), then at
// 16 concurrent clients prints p50/p99 of the calendar's month and week as the app reads them (by day:
// counts and each day's first six), a day's page, the month and the week with every entry (the week's time
// grid reads them all), the board and a page of posts.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrate, measureReads, startMain } from './bench-kit.mjs';

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const ACCOUNTS = 50;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
/** Requests per endpoint, after WARMUP left out of the figures; or as many as fit in SECONDS. */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const YEAR = Date.parse('2027-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

/** The server as `npm start` runs it (API and worker in one process), without the flow runtime it does not need here. */
const startServer = (dir) =>
  startMain(
    dir,
    {
      FLOW_RUNTIME: 'off',
      // The bench measures reads, not the per-user request limit it would otherwise meet.
      API_RATE_LIMIT: '0',
    },
    async (ready) => ready.ok,
    'the server',
  );

/** Row i: account i % 50; nine in ten scheduled, spread evenly over 2027 (each account ~5 a day). */
function sheet() {
  const lines = ['text,accounts,scheduled_at,labels'];
  for (let i = 0; i < POSTS; i++) {
    const at = i % 10 === 9 ? '' : new Date(YEAR + Math.floor((i / POSTS) * YEAR_MS)).toISOString();
    lines.push(`Bench post ${i} for the calendar,Bench ${i % ACCOUNTS},${at},${i % 4 === 0 ? `series-${i % 12}` : ''}`);
  }
  return lines.join('\n');
}

async function main() {
  const yardstick = await calibrate(CLIENTS);
  const dir = mkdtempSync(join(tmpdir(), 'so-bench-api-'));
  const { base, child } = await startServer(dir);
  try {
    const call = async (method, path, body, headers = {}) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        body,
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.json();
    };
    const json = (value) => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
    const register = json({ email: 'bench@example.com', password: 'correct horse battery', name: 'Bench' });
    const { accessToken } = await call('POST', '/api/v1/auth/register', register.body, register.headers);
    const auth = { authorization: `Bearer ${accessToken}` };
    const workspace = json({ name: 'Bench agency', timeZone: 'Europe/Paris' });
    const ws = (await call('POST', '/api/v1/workspaces', workspace.body, { ...workspace.headers, ...auth })).id;
    const asMember = { ...auth, 'x-workspace-id': ws };
    for (let i = 0; i < ACCOUNTS; i++) {
      const account = json({ network: 'sandbox', name: `Bench ${i}` });
      await call('POST', '/api/v1/accounts', account.body, { ...account.headers, ...asMember });
    }

    const file = sheet();
    const form = new FormData();
    form.append('file', new Blob([file], { type: 'text/csv' }), 'posts.csv');
    const started = Date.now();
    const { job_id } = await call('POST', '/api/v1/posts/import', form, asMember);
    let job;
    do {
      await new Promise((r) => setTimeout(r, 500));
      job = await call('GET', `/api/v1/jobs/${job_id}`, undefined, asMember);
    } while (job.status === 'queued' || job.status === 'running');
    const seconds = (Date.now() - started) / 1000;
    if (job.status !== 'completed' || job.result.created !== POSTS) {
      throw new Error(
        `the import ended ${job.status}: ${JSON.stringify(job.result?.errors?.slice(0, 5) ?? job.error)}`,
      );
    }
    console.log(
      `import: ${POSTS.toLocaleString('en')} rows (${(file.length / 1e6).toFixed(1)} MB CSV) in ${seconds.toFixed(1)} s → ` +
        `${Math.round(POSTS / seconds)} rows/s, upload to job completed; yardstick ${yardstick} bare HTTP round trips/s`,
    );

    const june = 'from=2027-06-01T00:00:00.000Z&to=2027-07-01T00:00:00.000Z';
    const reads = [
      ['calendar month (June 2027), by day', `/api/v1/calendar/days?${june}`],
      ['calendar week, by day', '/api/v1/calendar/days?from=2027-06-14T00:00:00.000Z&to=2027-06-21T00:00:00.000Z'],
      ['calendar day, a page of 50', '/api/v1/calendar/day?date=2027-06-15'],
      ['calendar month, every entry', `/api/v1/calendar?${june}`],
      // The week and day views are time grids: they place every entry at its time.
      ['calendar week, every entry', '/api/v1/calendar?from=2027-06-14T00:00:00.000Z&to=2027-06-21T00:00:00.000Z'],
      ['board', '/api/v1/board'],
      ['posts page (50)', '/api/v1/posts?limit=50'],
    ];
    const options = { agent, clients: CLIENTS, requests: REQUESTS, seconds: SECONDS, warmup: WARMUP };
    await measureReads(base, reads, asMember, options, size);
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a response held, so a fast empty answer shows for what it is. */
function size(body) {
  if (Array.isArray(body.days)) {
    const sum = (f) => body.days.reduce((n, d) => n + f(d), 0);
    return `${body.days.length} days, ${sum((d) => d.entries.length)} of ${sum((d) => d.total)} entries listed`;
  }
  if (Array.isArray(body.entries)) return `${body.entries.length} entries`;
  if (Array.isArray(body.items)) return `${body.items.length} posts`;
  if (Array.isArray(body.columns)) return `${body.columns.map((c) => c.posts.length).join('/')} posts per column`;
  return `${JSON.stringify(body).length} bytes`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
