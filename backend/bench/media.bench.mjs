// npm run bench:media — a large media library read the way the library page reads it. Starts the
// server as `npm start` does on a fresh SQLite data dir, uploads BENCH_MEDIA small images through
// the public upload (prints uploads/s), files a third into 20 folders, tags a fifth (20 tags) and
// stars one in fifty, then at 16 concurrent clients prints p50/p99 of the grid and each of its filters,
// the folder list and the tag counts. Then it imports BENCH_POSTS drafts (one in USED_EVERY carrying one of
// the first USED items, as a real team's logo and campaign pictures are) and prints an item's detail with
// the posts using it, and an unused item's, as the library's side panel and delete check read them.
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { calibrate, measureReads, startMain } from './bench-kit.mjs';

const ITEMS = Number(process.env.BENCH_MEDIA ?? 20_000);
const FOLDERS = 20;
const TAGS = 20;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
/** Concurrent uploads while filling the library (the server probes and thumbnails each). */
const UPLOADERS = 8;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const USED = 100;
const USED_EVERY = 20;

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

    await importPosts(call, asMember, ids);
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
      [
        `an item in ${POSTS / USED_EVERY / USED} of ${POSTS.toLocaleString('en')} posts, with its usage`,
        `/api/v1/media/${ids[0]}`,
      ],
      ['an unused item, with its (empty) usage', `/api/v1/media/${ids[ITEMS - 1]}`],
    ];
    const options = { agent, clients: CLIENTS, requests: REQUESTS, seconds: SECONDS, warmup: WARMUP };
    await measureReads(
      base,
      reads,
      asMember,
      options,
      (body) => `${body.items?.length ?? body.usage.length} ${body.items ? 'items' : 'posts'}`,
    );
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POSTS drafts through the sheet import, one in USED_EVERY carrying one of the first USED items (by its own URL). */
async function importPosts(call, asMember, ids) {
  await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Bench' }, asMember);
  const urls = [];
  for (const id of ids.slice(0, USED)) urls.push((await call('GET', `/api/v1/media/${id}`, undefined, asMember)).url);
  const lines = ['text,accounts,post_type,media_urls'];
  for (let i = 0; i < POSTS; i++) {
    const used = i % USED_EVERY === 0 ? urls[(i / USED_EVERY) % USED] : '';
    lines.push(`Bench post ${i},Bench,${used ? 'photo' : 'status'},${used && `"${used}"`}`);
  }
  const form = new FormData();
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'posts.csv');
  const started = Date.now();
  const { job_id } = await call('POST', '/api/v1/posts/import', form, asMember);
  let job;
  do {
    await new Promise((resolve) => setTimeout(resolve, 500));
    job = await call('GET', `/api/v1/jobs/${job_id}`, undefined, asMember);
  } while (job.status === 'queued' || job.status === 'running');
  if (job.status !== 'completed' || job.result.created !== POSTS) {
    throw new Error(`the import ended ${job.status}: ${JSON.stringify(job.result?.errors?.slice(0, 5) ?? job.error)}`);
  }
  console.log(
    `posts: ${POSTS.toLocaleString('en')} imported (${POSTS / USED_EVERY} with an item) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
