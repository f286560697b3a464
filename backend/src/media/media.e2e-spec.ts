import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { pngOf } from '../testing/images';

const png = (width: number, height: number) => pngOf(width, height, { r: 200, g: 80, b: 40 });

describe.each(DATABASE_KINDS)('media over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const dir = mkdtempSync(join(tmpdir(), 'so-media-'));

  beforeAll(async () => {
    t = await startTestApp(kind, { MEDIA_MAX_UPLOAD_MB: '2' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Media Inc');
  });
  afterAll(() => t?.close());

  const upload = (data: Buffer, name: string) =>
    t.http.post('/api/v1/media').set(as(owner, workspaceId)).attach('file', data, name);
  /** A file's signed address as the API hands it out, fetched with no credentials: the signature is the access. */
  const fetchSigned = (url: string) => {
    const { pathname, search } = new URL(url);
    return t.http.get(pathname + search);
  };
  /** Headers every served file carries: never sniffed, and sandboxed should a browser open it as a page. */
  const SERVED_SAFELY = {
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };

  it('sniffs the type from the content, not the name, and measures the image', async () => {
    const res = await upload(await png(640, 480), 'holiday.jpg').expect(201);
    expect(res.body).toMatchObject({
      fileName: 'holiday.jpg',
      kind: 'image',
      mimeType: 'image/png',
      width: 640,
      height: 480,
    });
    const thumb = await fetchSigned(res.body.thumbnailUrl).expect(200);
    const meta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    const original = await fetchSigned(res.body.url).expect(200);
    const file = new URL(res.body.url);
    expect(original.headers['content-type']).toBe('image/png');
    await t.http.get(file.pathname + file.search.replace(/signature=[^&]+/, 'signature=forged')).expect(404);
  });

  it('serves an image inline and a PDF as a download, both sandboxed and never sniffed', async () => {
    const image = await upload(await png(64, 64), 'pic.png').expect(201);
    const shown = await fetchSigned(image.body.url).expect(200);
    expect(shown.headers).toMatchObject({
      'content-type': 'image/png',
      ...SERVED_SAFELY,
      'content-disposition': 'inline',
    });
    // A PDF whose opening runs JavaScript: it must not open in a viewer under our origin.
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n' +
        '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n' +
        "4 0 obj << /S /JavaScript /JS (app.alert('x')) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
    const document = await upload(pdf, 'brochure.pdf').expect(201);
    expect(document.body).toMatchObject({ kind: 'document', mimeType: 'application/pdf' });
    const downloaded = await fetchSigned(document.body.url).expect(200);
    expect(downloaded.headers).toMatchObject({
      'content-type': 'application/pdf',
      ...SERVED_SAFELY,
      'content-disposition': 'attachment',
    });
  });

  it('refuses what cannot be posted, naming the type', async () => {
    const res = await upload(Buffer.from('%PS-Adobe-3.0 not really'), 'notes.png');
    expect(res.status).toBe(415);
    expect(res.body.errors[0].field).toBe('file');
    const text = await upload(Buffer.from('just some text'), 'photo.jpg');
    expect(text.status).toBe(415);
    expect(text.body.detail).toContain('cannot be posted');
  });

  it('refuses a file over the upload limit with 413', async () => {
    const res = await upload(Buffer.alloc(3 * 1024 * 1024, 1), 'big.bin');
    expect(res.status).toBe(413);
  });

  it('leaves no temporary file behind when the sender goes away mid-upload', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'so-spool-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = spool; // where the upload interceptor spools, read at each upload
    try {
      const boundary = 'cut-off-midway';
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const sending = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/media',
        headers: {
          ...as(owner, workspaceId),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': 1024 * 1024,
        },
      });
      sending.on('error', () => undefined);
      sending.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      );
      sending.write(Buffer.alloc(64 * 1024, 1));
      await expect.poll(() => readdirSync(spool).length).toBe(1);
      sending.destroy();
      await expect.poll(() => readdirSync(spool)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    await upload(await png(16, 16), 'after.png').expect(201);
  });

  /** A 3 s 320×240 MP4, made with the ffmpeg the configuration found (the npm-packaged one by default). */
  const testVideo = () => {
    const path = join(dir, 'clip.mp4');
    execFileSync(t.config.media.ffmpegPath, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=duration=3:size=320x240:rate=25',
      '-pix_fmt',
      'yuv420p',
      path,
    ]);
    return readFileSync(path);
  };

  it('measures a video and thumbnails a frame with no ffmpeg or ffprobe on PATH', async () => {
    const video = testVideo();
    const previous = process.env.PATH;
    // Only node's own directory: the packaged binaries are the only ffmpeg and ffprobe reachable.
    process.env.PATH = dirname(process.execPath);
    let res;
    try {
      res = await upload(video, 'clip.mp4').expect(201);
    } finally {
      process.env.PATH = previous;
    }
    expect(res.body).toMatchObject({ kind: 'video', mimeType: 'video/mp4', width: 320, height: 240 });
    expect(res.body.durationSeconds).toBeCloseTo(3, 1);
    const frame = await fetchSigned(res.body.thumbnailUrl).expect(200);
    expect(await sharp(frame.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
  });

  it.each([
    ['ffprobe', 'FFPROBE_PATH'],
    ['ffmpeg', 'FFMPEG_PATH'],
  ])('refuses a video naming %s and %s when that tool cannot be run', async (tool, setting) => {
    const video = testVideo();
    const broken = await startTestApp(kind, { [setting]: join(dir, `no-${tool}-here`) });
    try {
      const someone = await newUser(broken, 'owner');
      const res = await broken.http
        .post('/api/v1/media')
        .set(as(someone, await newWorkspace(broken, someone, 'Video Inc')))
        .attach('file', video, 'clip.mp4');
      expect(res.status).toBe(503);
      expect(res.body.errors[0].field).toBe('file');
      expect(res.body.detail).toContain(`${tool} could not be run`);
      expect(res.body.detail).toContain(setting);
    } finally {
      await broken.close();
    }
  });

  it('offers and applies a one-click fix as a new item, keeping the original', async () => {
    const tall = await upload(await png(300, 900), 'tall.png').expect(201);
    const offered = await t.http
      .get(`/api/v1/media/${tall.body.id}/fixes?network=instagram`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(offered.body.fixes.map((f: { kind: string }) => f.kind)).toContain('crop-aspect');
    const fixed = await t.http
      .post(`/api/v1/media/${tall.body.id}/auto-fix`)
      .set(as(owner, workspaceId))
      .send({ network: 'instagram' })
      .expect(201);
    expect(fixed.body.id).not.toBe(tall.body.id);
    expect(fixed.body.derivedFromId).toBe(tall.body.id);
    expect(fixed.body.width / fixed.body.height).toBeGreaterThanOrEqual(0.79);
    const original = await t.http.get(`/api/v1/media/${tall.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(original.body).toMatchObject({ width: 300, height: 900 });
  });

  it('lets a post carry the image, validated against the network', async () => {
    const image = await upload(await png(800, 800), 'square.png').expect(201);
    const account = await t.http
      .post('/api/v1/accounts')
      .set(as(owner, workspaceId))
      .send({ network: 'sandbox', name: 'Pictures' })
      .expect(201);
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text: 'Look', variants: [{ accountId: account.body.id, mediaIds: [image.body.id] }] })
      .expect(201);
    expect(post.body.variants[0]).toMatchObject({ postType: 'photo', mediaIds: [image.body.id], problems: [] });

    await t.http
      .post(`/api/v1/posts/${post.body.id}/reschedule`)
      .set(as(owner, workspaceId))
      .send({ schedule: { type: 'single', at: new Date(Date.now() + 1000).toISOString() } })
      .expect(200);
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 10 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(10, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    const done = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(done.body.state).toBe('published');
    const timeline = await t.http
      .get(`/api/v1/accounts/${account.body.id}/sandbox-timeline`)
      .set(as(owner, workspaceId))
      .expect(200);
    const [media] = timeline.body.items[0].media;
    expect(media).toMatchObject({ id: image.body.id, kind: 'image' });
    await fetchSigned(media.url).expect(200);
  });
});
