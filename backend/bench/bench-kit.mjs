// What the benches share: the server as `npm start` runs it, free ports, keep-alive HTTP from the
// senders, percentiles, the yardstick.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A request over node:http with kept-alive sockets (fetch costs the 2 cores several times more). */
export const send = (url, { method = 'GET', body, headers = {}, agent }) =>
  new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });

export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * This machine's yardstick: empty HTTP round trips per second from `concurrency` senders to a bare
 * node:http server in its own process, so figures from machines of different speed compare.
 */
export async function calibrate(concurrency) {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, s) => s.end('{}')).listen(${port}, '127.0.0.1', () => console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => server.stdout.once('data', resolve));
  const rounds = 5_000;
  const own = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const started = Date.now();
  const sender = async () => {
    while (next++ < rounds) {
      await send(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
        agent: own,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  const perSecond = Math.round(rounds / ((Date.now() - started) / 1000));
  // Its sockets go before the server does, so none is reset while it idles in the pool.
  own.destroy();
  server.kill('SIGTERM');
  return perSecond;
}

const MAIN = join(import.meta.dirname, '..', 'dist', 'main.js');

/**
 * The built server as `npm start` runs it (dist/main.js) on a fresh data dir and a free port, with
 * the bench's own `env` on top; waits up to 30 s for `isReady(response to /readyz)`. Each bench
 * says when it counts as ready: plain reads need the API up, flows need the flow runtime running.
 */
export async function startMain(dir, env, isReady, what) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: 'off',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(`${base}/readyz`).catch(() => null);
    if (ready && (await isReady(ready).catch(() => false))) return { base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not become ready within 30 s`);
}

/**
 * `warmup` GETs from `clients` senders, then `requests` more (or as many as `seconds` allow, so a
 * slow endpoint or a busy machine still ends the bench); the latency of each measured one.
 */
export async function measure(url, headers, { agent, clients, requests, seconds, warmup }) {
  let next = 0;
  const latencies = [];
  let started = 0;
  let deadline = Infinity;
  const sender = async () => {
    for (let n = next++; n < warmup + requests && Date.now() < deadline; n = next++) {
      if (n === warmup) {
        started = Date.now();
        deadline = started + seconds * 1000;
      }
      const t0 = performance.now();
      const res = await send(url, { headers, agent });
      if (res.status !== 200) throw new Error(`${url} → ${res.status} ${res.body.slice(0, 300)}`);
      if (n >= warmup) latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, sender));
  latencies.sort((a, b) => a - b);
  const ms = (v) => v.toFixed(1);
  return {
    count: latencies.length,
    p50: ms(percentile(latencies, 50)),
    p99: ms(percentile(latencies, 99)),
    perSecond: Math.round(latencies.length / ((Date.now() - started) / 1000)),
  };
}

/**
 * Each `[label, path]` read once (it must answer 200), then measured by `measure`; prints one line
 * per read with what its answer held (`describe` of the parsed body) and its size.
 */
export async function measureReads(base, reads, headers, options, describe) {
  for (const [label, path] of reads) {
    const first = await send(`${base}${path}`, { headers, agent: options.agent });
    if (first.status !== 200) throw new Error(`${label}: ${first.status} ${first.body.slice(0, 300)}`);
    const { count, p50, p99, perSecond } = await measure(`${base}${path}`, headers, options);
    console.log(
      `${label}: p50 ${p50} ms, p99 ${p99} ms, ${perSecond} req/s at ${options.clients} clients over ${count} requests ` +
        `(${describe(JSON.parse(first.body))}, ${(first.body.length / 1024).toFixed(0)} kB)`,
    );
  }
}
