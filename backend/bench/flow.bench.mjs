// npm run bench:flow — signed inbound webhooks → condition → create draft against the platform as
// `npm start` runs it (embedded SQLite, flow runtime child), from a separate client process. Prints
// events per second and the latency from sending the HTTP request to the draft being committed
// (the end of the draft step), at an offered rate (BENCH_RATE, default 500/s), and checks no
// event was lost or drafted twice.
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrate, percentile, send, startMain } from './bench-kit.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
/** Events sent first at the same rate and left out of the figures: JIT, caches and pools warm up. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 500);

/** The senders' client: node:http with kept-alive sockets costs the 2 cores a fraction of fetch. */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const post = (url, body, headers) => send(url, { method: 'POST', body, headers, agent });

/** The platform as `npm start` runs it (API + worker + flow runtime child), on a fresh SQLite file. */
const startPlatform = (dir) =>
  startMain(
    dir,
    { FLOW_MAX_CONCURRENT_RUNS: String(CONCURRENCY * 2) },
    async (ready) => (await ready.json())?.checks?.flowRuntime === 'running',
    'the platform with its flow runtime',
  );

const FINAL = ['succeeded', 'failed', 'stopped', 'interrupted'];

async function main() {
  const yardstick = await calibrate(CONCURRENCY);
  const dir = mkdtempSync(join(tmpdir(), 'so-bench-flow-'));
  const { base, child } = await startPlatform(dir);

  const call = async (method, path, body, token, workspaceId) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
        ...(workspaceId && { 'x-workspace-id': workspaceId }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  const user = await call('POST', '/api/v1/auth/register', {
    email: 'bench@example.com',
    password: 'correct horse battery',
    name: 'Bench',
  });
  const token = user.accessToken;
  const ws = (await call('POST', '/api/v1/workspaces', { name: 'Bench', timeZone: 'UTC' }, token)).id;
  await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Bench' }, token, ws);
  const graph = {
    nodes: [
      { id: 'hook', type: 'webhook-in', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'match',
        type: 'condition',
        position: { x: 1, y: 0 },
        config: { rules: { all: [{ fact: 'title', operator: 'containsWord', value: 'launch' }] } },
      },
      {
        id: 'draft',
        type: 'create-draft',
        position: { x: 2, y: 0 },
        config: { text: '{{title}} #{{n}}', accountIds: ['*'] },
      },
    ],
    edges: [
      { from: { node: 'hook', port: 'out' }, to: { node: 'match', port: 'in' } },
      { from: { node: 'match', port: 'true' }, to: { node: 'draft', port: 'in' } },
    ],
  };
  const automation = await call('POST', '/api/v1/automations', { name: 'Bench', graph }, token, ws);
  await call('POST', `/api/v1/automations/${automation.id}/publish`, {}, token, ws);
  const hook = await call('POST', `/api/v1/automations/${automation.id}/hooks`, {}, token, ws);

  // Outcomes are read from the database file (WAL lets a reader in beside the server), so reading
  // them neither competes with the work nor shows in a profile of the server.
  const db = new Database(join(dir, 'socialorchestrator.db'), { readonly: true });
  const unfinished = db.prepare("SELECT count(*) AS n FROM automation_runs WHERE status IN ('queued', 'running')");
  const drained = async () => {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      if (unfinished.get().n === 0) return;
    }
  };

  // Open loop at BENCH_RATE events/s (0: as fast as CONCURRENCY senders go), so the latency is
  // the platform's at that load, not a queue the client built by sending faster than it drains.
  const sentAt = new Map();
  const sendEvents = async (from, count) => {
    let next = from;
    const started = Date.now();
    const dueAt = (n) => (RATE > 0 ? started + ((n - from) * 1000) / RATE : 0);
    const send = async () => {
      while (next < from + count) {
        const n = next++;
        const wait = dueAt(n) - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const body = JSON.stringify({ title: 'Launch day', n });
        const timestamp = Math.floor(Date.now() / 1000);
        const signature = `sha256=${createHmac('sha256', hook.secret).update(`${timestamp}.${body}`).digest('hex')}`;
        const at = Date.now();
        const res = await post(hook.url, body, {
          'content-type': 'application/json',
          'x-timestamp': String(timestamp),
          'x-signature': signature,
          'x-delivery-id': `bench-${n}`,
        });
        if (res.status !== 202) throw new Error(`event ${n}: ${res.status} ${res.body}`);
        sentAt.set(JSON.parse(res.body).runIds[0], { at, answeredAt: Date.now() });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    return started;
  };
  // Warm up (JIT, caches, pools), let it drain, forget it; then the measured events.
  await sendEvents(0, WARMUP);
  await drained();
  sentAt.clear();
  const started = await sendEvents(WARMUP, EVENTS);
  const accepted = Date.now();

  // Every run must finish with a draft; latency is send → the draft step's end (its commit).
  await drained();
  const runs = db
    .prepare(
      `SELECT r.id, r.status, r.error, s.startedAt, s.durationMs FROM automation_runs r
       LEFT JOIN automation_run_steps s ON s.runId = r.id AND s.nodeId = 'draft' AND s.port = 'out'`,
    )
    .all();
  const latencies = [];
  // Where the time goes: sent → 202 answered → draft step started (in the runtime) → committed.
  const stages = { answered: [], toDraftStep: [], draftStep: [] };
  const failures = new Map();
  const pending = new Set(sentAt.keys());
  let lastCommit = started;
  for (const run of runs.filter((r) => sentAt.has(r.id) && FINAL.includes(r.status))) {
    pending.delete(run.id);
    if (run.status === 'succeeded' && run.startedAt) {
      const committedAt = Date.parse(`${run.startedAt.replace(' ', 'T')}Z`) + run.durationMs;
      const { at, answeredAt } = sentAt.get(run.id);
      lastCommit = Math.max(lastCommit, committedAt);
      latencies.push(committedAt - at);
      stages.answered.push(answeredAt - at);
      stages.toDraftStep.push(committedAt - run.durationMs - answeredAt);
      stages.draftStep.push(run.durationMs);
    } else {
      const why = `${run.status}: ${run.error}`;
      failures.set(why, (failures.get(why) ?? 0) + 1);
    }
  }
  const drafted = draftedEvents(db);
  db.close();
  const twice = [...drafted.values()].filter((count) => count > 1).length;
  const lost = [...Array(WARMUP + EVENTS).keys()].filter((n) => !drafted.has(n)).length;
  for (const list of [latencies, ...Object.values(stages)]) list.sort((a, b) => a - b);
  const pace = RATE > 0 ? `offered ${RATE}/s` : 'unpaced';
  console.log(
    `events: ${EVENTS} after ${WARMUP} to warm up, ${pace}, concurrency ${CONCURRENCY}, SQLite, Node-RED child`,
  );
  console.log(`this machine: ${yardstick} bare node:http round trips per second from the same senders`);
  console.log(`accepted (202) per second: ${Math.round(EVENTS / ((accepted - started) / 1000))}`);
  console.log(`drafts committed per second: ${Math.round(latencies.length / ((lastCommit - started) / 1000))}`);
  console.log(
    `accept → draft committed: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
  );
  const spread = (list) => `p50 ${percentile(list, 50)}, p99 ${percentile(list, 99)}`;
  console.log(
    `  of which: 202 answered ${spread(stages.answered)} · then to the draft step ${spread(stages.toDraftStep)} · draft step ${spread(stages.draftStep)} ms`,
  );
  console.log(`lost: ${lost}, drafted twice: ${twice} (${pending.size} runs unfinished)`);
  for (const [why, count] of failures) console.log(`  ${count} × ${why}`);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  process.exit(lost === 0 && twice === 0 ? 0 : 1);
}

/** How many drafts each event number produced (the draft text ends in `#<n>`). */
function draftedEvents(db) {
  const drafted = new Map();
  for (const post of db.prepare("SELECT text FROM posts WHERE state = 'draft'").iterate()) {
    const n = Number(/#(\d+)$/.exec(post.text)?.[1]);
    drafted.set(n, (drafted.get(n) ?? 0) + 1);
  }
  return drafted;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
