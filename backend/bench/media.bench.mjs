// npm run bench:media — a large media library read the way the library page reads it. Starts the
// server as `npm start` does on a fresh SQLite data dir, uploads BENCH_MEDIA small images through
// the public upload (prints uploads/s), files a third into 20 folders, tags a fifth (20 tags) and
// stars one in fifty, then at 16 concurrent clients prints p50/p99 of the grid and each of its filters,
// the folder list and the tag counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { calibrate, measure, send, startMain } from './bench-kit.mjs';

const ITEMS = Number(process.env.BENCH_MEDIA ?? 20_000);
const FOLDERS = 20;
const TAGS = 20;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
/** Concurrent uploads while filling the library (the server probes and thumbnails each). */
const UPLOADERS = 8;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);

const agent = new Agent({ keepAlive: true, maxSockets: Math.max(CLIENTS, UPLOADERS) });

async function main() {
  const yardstick = await calibrate(CLIENTS);
  const dir = mkdtempSync(join(tmpdir(), 'so-bench-media-'));
  const { base, child } = await startMain(
    dir,
    // The bench measures reads, not the per-user request limit it would otherwise meet.
    { FLOW_RUNTIME: 'off', API_RATE_LIMIT: '0' },
    async (ready) => ready.ok,
    'the server',
  );
  try {
    const call = async (method, path, body, headers = {}) => {
      const isForm = body instanceof FormData;
      const res = await fetch(`${base}${path}`, {
        method,
        headers: isForm || body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: isForm || body === undefined ? body : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    };
    const register = { email: 'bench@example.com', password: 'correct horse battery', name: 'Bench' };
    const { accessToken } = await call('POST', '/api/v1/auth/register', register);
    const auth = { authorization: `Bearer ${accessToken}` };
    const ws = (await call('POST', '/api/v1/workspaces', { name: 'Bench studio', timeZone: 'UTC' }, auth)).id;
    const asMember = { ...auth, 'x-workspace-id': ws };
    const folders = [];
    for (let i = 0; i < FOLDERS; i++) {
      folders.push((await call('POST', '/api/v1/media-folders', { name: `Folder ${i}` }, asMember)).id);
    }

    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer();
    const ids = new Array(ITEMS);
    let next = 0;
    const started = Date.now();
    const uploader = async () => {
      for (let i = next++; i < ITEMS; i = next++) {
        const form = new FormData();
        form.append('file', new Blob([image], { type: 'image/png' }), `photo-${i}.png`);
        ids[i] = (await call('POST', '/api/v1/media', form, asMember)).id;
        const changes = {
          ...(i % 3 === 0 && { folderId: folders[i % FOLDERS] }),
          ...(i % 5 === 0 && { tags: [`tag-${(i / 5) % TAGS}`] }),
          ...(i % 50 === 0 && { favourite: true }),
        };
        if (Object.keys(changes).length) await call('PATCH', `/api/v1/media/${ids[i]}`, changes, asMember);
      }
    };
    await Promise.all(Array.from({ length: UPLOADERS }, uploader));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `library: ${ITEMS.toLocaleString('en')} uploads (with their folder, tag and star) in ${seconds.toFixed(1)} s → ` +
        `${Math.round(ITEMS / seconds)} items/s at ${UPLOADERS} uploaders; yardstick ${yardstick} bare HTTP round trips/s`,
    );

    const middle = ids[Math.floor(ITEMS / 2)];
    const reads = [
      ['grid page (50)', '/api/v1/media?limit=50'],
      ['grid page (200)', '/api/v1/media?limit=200'],
      ['grid, a page halfway down', `/api/v1/media?limit=50&cursor=${middle}`],
      ['a folder', `/api/v1/media?folderId=${folders[3]}`],
      ['the root', '/api/v1/media?folderId=root'],
      ['a tag', '/api/v1/media?tag=tag-5'],
      ['images', '/api/v1/media?kind=image'],
      ['favourites', '/api/v1/media?favourite=true'],
      ['a name (matches one)', `/api/v1/media?q=photo-${Math.floor(ITEMS / 3)}.`],
      ['folders with counts', '/api/v1/media-folders'],
      ['tag counts', '/api/v1/media-tags'],
    ];
    for (const [label, path] of reads) {
      const first = await send(`${base}${path}`, { headers: asMember, agent });
      if (first.status !== 200) throw new Error(`${label}: ${first.status} ${first.body.slice(0, 300)}`);
      const { count, p50, p99, perSecond } = await measure(`${base}${path}`, asMember, {
        agent,
        clients: CLIENTS,
        requests: REQUESTS,
        seconds: SECONDS,
        warmup: WARMUP,
      });
      const body = JSON.parse(first.body);
      console.log(
        `${label}: p50 ${p50} ms, p99 ${p99} ms, ${perSecond} req/s at ${CLIENTS} clients over ${count} requests ` +
          `(${body.items.length} items, ${(first.body.length / 1024).toFixed(0)} kB)`,
      );
    }
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
