import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AppBskyEmbedExternal,
  type AppBskyEmbedImages,
  type AppBskyEmbedVideo,
  type AppBskyFeedPost,
  AtpAgent,
  AtUri,
} from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../accounts/accounts.service';
import { SocialAccount } from '../../accounts/social-account.entity';
import { PublishJob } from '../../publishing/publish-job.entity';
import { Publisher } from '../../publishing/publisher';
import { Reconciler } from '../../publishing/reconciler';
import { SchedulerTick } from '../../publishing/scheduler-tick';
import { type PdsAccount, TestPds } from '../../testing/bluesky-pds';
import { as, newUser, newWorkspace, type TestUser } from '../../testing/factories';
import { pngOf } from '../../testing/images';
import { startTestApp, type TestApp } from '../../testing/test-app';
import type { Connector } from '../connector';
import { CONNECTORS, type ConnectorMap } from '../connectors.module';

const POST = 'app.bsky.feed.post';
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const covered = (text: string, index: { byteStart: number; byteEnd: number }) =>
  utf8(text).subarray(index.byteStart, index.byteEnd).toString('utf8');

interface Variant {
  postType?: string;
  text?: string;
  link?: string;
  mediaIds?: string[];
  options?: Record<string, unknown>;
}

/**
 * Bluesky end to end against the reference PDS (`@atproto/pds` with a PLC directory) on loopback:
 * connect with a handle and an app password through the API, publish through the publishing
 * engine, read every record back from the PDS, settle an interrupted attempt, delete.
 */
describe('Bluesky on a real PDS', () => {
  let pds: TestPds;
  let cardPage: Server;
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let alice: PdsAccount;
  let bob: PdsAccount;
  let reader: AtpAgent;
  let accountId: string;
  let bluesky: Connector;
  let image: Buffer;

  beforeAll(async () => {
    pds = await TestPds.start();
    [alice, bob] = [await pds.createAccount('alice'), await pds.createAccount('bob')];
    reader = await pds.agentFor(alice);
    image = await pngOf(64, 48, { r: 200, g: 120, b: 40 });
    cardPage = await servePage(image);
    // The PDS and the card page live on loopback: the guard lets the server reach them here.
    t = await startTestApp('sqlite', { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Bakery');
    bluesky = t.app.get<ConnectorMap>(CONNECTORS).bluesky!;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await pds?.close();
    cardPage?.close();
  });

  const connect = (credentials: Record<string, string>) =>
    t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'bluesky', credentials });
  const pageUrl = () => `http://127.0.0.1:${(cardPage.address() as AddressInfo).port}/menu`;

  /** Publishes one variant now through the scheduler and publisher, as the worker does; its at:// URI. */
  const publish = async (text: string, variant: Variant): Promise<string> => {
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text, variants: [{ accountId, ...variant }], schedule: { type: 'now' } })
      .expect(201);
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 50 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(10, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    const done = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(done.body.variants[0]).toMatchObject({ state: 'published' });
    return done.body.variants[0].externalId as string;
  };
  const record = async (uri: string) => {
    const { host, rkey } = new AtUri(uri);
    return (await reader.com.atproto.repo.getRecord({ repo: host, collection: POST, rkey })).data;
  };
  const allPosts = async () =>
    (await reader.com.atproto.repo.listRecords({ repo: alice.did, collection: POST, limit: 100 })).data.records;
  const credentials = async () => {
    const account = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
    return t.app.get(AccountsService).credentials(account);
  };

  it('refuses a wrong app password and an unknown handle, naming the field, before saving anything', async () => {
    const wrong = await connect({ identifier: 'alice.test', appPassword: 'aaaa-bbbb-cccc-dddd', service: pds.url });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('credentials.appPassword');
    const unknown = await connect({ identifier: 'nobody.test', appPassword: alice.appPassword, service: pds.url });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('credentials.identifier');
    expect(await t.db.getRepository(SocialAccount).countBy({ network: 'bluesky' })).toBe(0);
  });

  it('connects with a handle and an app password; the password is sealed and reconnecting keeps one account', async () => {
    for (const identifier of ['@alice.test', 'alice.test']) {
      const res = await connect({ identifier, appPassword: alice.appPassword, service: `${pds.url}/` });
      expect(res.status).toBe(201);
    }
    const rows = await t.db.getRepository(SocialAccount).findBy({ network: 'bluesky', workspaceId });
    expect(rows.map((r) => [r.externalAccountId, r.name])).toEqual([[alice.did, '@alice.test']]);
    expect(rows[0].accessTokenSealed).not.toContain(alice.appPassword);
    accountId = rows[0].id;
  });

  it('publishes text with mentions, hashtags and links at their UTF-8 byte ranges', async () => {
    const text = 'Fresh bread 🥖 at the café, thanks @bob.test! #Boulangerie https://example.com/menü';
    const uri = await publish(text, {});
    const value = (await record(uri)).value as AppBskyFeedPost.Record;
    expect(value.text).toBe(text);
    expect(value.facets!.map((f) => [covered(text, f.index), f.features[0]])).toEqual([
      ['@bob.test', { $type: 'app.bsky.richtext.facet#mention', did: bob.did }],
      ['#Boulangerie', { $type: 'app.bsky.richtext.facet#tag', tag: 'Boulangerie' }],
      ['https://example.com/menü', { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/menü' }],
    ]);
  });

  it('publishes images with their alt text, uploaded as blobs the PDS serves back', async () => {
    const mediaId = (
      await t.http.post('/api/v1/media').set(as(owner, workspaceId)).attach('file', image, 'loaf.png').expect(201)
    ).body.id as string;
    const uri = await publish('Our loaf', {
      postType: 'photo',
      mediaIds: [mediaId],
      options: { altTexts: ['A golden loaf on a wooden board'] },
    });
    const embed = ((await record(uri)).value as AppBskyFeedPost.Record).embed as AppBskyEmbedImages.Main;
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images).toHaveLength(1);
    expect(embed.images[0]).toMatchObject({
      alt: 'A golden loaf on a wooden board',
      aspectRatio: { width: 64, height: 48 },
    });
    const blob = await reader.com.atproto.sync.getBlob({ did: alice.did, cid: embed.images[0].image.ref.toString() });
    expect(Buffer.from(blob.data).equals(image)).toBe(true);
  });

  it('publishes a video with its alt text and aspect ratio', async () => {
    const video = testVideo(t.config.media.ffmpegPath);
    const mediaId = (
      await t.http.post('/api/v1/media').set(as(owner, workspaceId)).attach('file', video, 'clip.mp4').expect(201)
    ).body.id as string;
    const uri = await publish('Kneading, in 2 s', {
      postType: 'video',
      mediaIds: [mediaId],
      options: { altTexts: ['Hands kneading dough'] },
    });
    const embed = ((await record(uri)).value as AppBskyFeedPost.Record).embed as AppBskyEmbedVideo.Main;
    expect(embed).toMatchObject({
      $type: 'app.bsky.embed.video',
      alt: 'Hands kneading dough',
      aspectRatio: { width: 160, height: 120 },
    });
    expect(embed.video.mimeType).toBe('video/mp4');
    const blob = await reader.com.atproto.sync.getBlob({ did: alice.did, cid: embed.video.ref.toString() });
    expect(Buffer.from(blob.data).equals(video)).toBe(true);
  });

  it("publishes a link card with the page's own title, description and image as thumbnail", async () => {
    const uri = await publish('Today’s menu', { postType: 'link', link: pageUrl() });
    const value = (await record(uri)).value as AppBskyFeedPost.Record;
    const { external } = value.embed as AppBskyEmbedExternal.Main;
    expect(external).toMatchObject({ uri: pageUrl(), title: 'Menu of the day', description: 'Croissants & rye' });
    expect(external.thumb?.mimeType).toBe('image/png');
    expect(value.text).toBe('Today’s menu');
  });

  it('publishes a thread as replies each under the one before, and deletes every part', async () => {
    const uri = await publish('A thread 🧵 1/3', { options: { thread: ['2/3 — rye 🌾', '3/3 #done'] } });
    const replies = (await allPosts())
      .filter((r) => (r.value as AppBskyFeedPost.Record).reply?.root.uri === uri)
      .map((r) => ({ uri: r.uri, cid: r.cid, value: r.value as AppBskyFeedPost.Record }));
    expect(replies.map((r) => r.value.text).sort()).toEqual(['2/3 — rye 🌾', '3/3 #done']);
    const second = replies.find((r) => r.value.text.startsWith('2/3'))!;
    const third = replies.find((r) => r.value.text.startsWith('3/3'))!;
    expect(second.value.reply!.parent.uri).toBe(uri);
    expect(second.value.reply!.root.cid).toBe((await record(uri)).cid);
    expect(third.value.reply!.parent).toEqual({ uri: second.uri, cid: second.cid });
    expect(third.value.facets?.[0].features[0]).toEqual({ $type: 'app.bsky.richtext.facet#tag', tag: 'done' });

    await bluesky.delete(await credentials(), uri);
    const left = (await allPosts()).map((r) => r.uri);
    expect(left).not.toContain(uri);
    expect(left).not.toContain(second.uri);
    expect(left).not.toContain(third.uri);
    await expect(record(uri)).rejects.toMatchObject({ error: 'RecordNotFound' });
    // Deleting again is harmless: the post is already gone.
    await bluesky.delete(await credentials(), uri);
  });

  it('settles an attempt interrupted after the PDS took the post: found by its record key, never posted twice', async () => {
    const text = `Interrupted ${Date.now()}`;
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text, variants: [{ accountId }], schedule: { type: 'now' } })
      .expect(201);
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 50 }).run();
    const publisher = t.app.get(Publisher);
    const [job] = (await publisher.claim(10, new Date(Date.now() + 60_000))).filter((j) => j.postId === post.body.id);
    // The worker sent the post and died before writing the outcome down.
    const sent = await bluesky.publish(await credentials(), await publisher.request((await publisher.load(job))!));

    await t.app.get(Reconciler).run(new Date(Date.now() + 10 * 60_000));
    const settled = await t.db.getRepository(PublishJob).findOneByOrFail({ id: job.id });
    expect(settled).toMatchObject({ status: 'published', externalId: sent.externalId });
    const copies = (await allPosts()).filter((r) => (r.value as AppBskyFeedPost.Record).text === text);
    expect(copies.map((r) => r.uri)).toEqual([sent.externalId]);

    await bluesky.delete(await credentials(), sent.externalId);
    expect((await allPosts()).some((r) => (r.value as AppBskyFeedPost.Record).text === text)).toBe(false);
  });
});

/** A page with Open Graph tags and the image they name, on loopback. */
async function servePage(image: Buffer): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/loaf.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length });
      return res.end(image);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<html><head><title>ignored</title><meta property="og:title" content="Menu of the day">' +
        '<meta property="og:description" content="Croissants &amp; rye"><meta property="og:image" content="/loaf.png">' +
        '</head><body>menu</body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** A 2 s 160×120 MP4 made with the ffmpeg the configuration found. */
function testVideo(ffmpeg: string): Buffer {
  const path = join(mkdtempSync(join(tmpdir(), 'bluesky-video-')), 'clip.mp4');
  execFileSync(ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=2:size=160x120:rate=25',
    '-pix_fmt',
    'yuv420p',
    path,
  ]);
  return readFileSync(path);
}
