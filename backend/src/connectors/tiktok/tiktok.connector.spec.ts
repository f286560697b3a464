import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LookupUnavailableError, MetricsUnavailableError, PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia, urlMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, FakeReply, readJson } from '../../testing/fake-network';
import { migratedDatabase } from '../../testing/test-database';
import { NetworkUploadSession } from '../network-state/upload-session.entity';
import { TikTokConnector } from './tiktok.connector';
import { TikTokDeleteUnsupportedError } from './tiktok.errors';

const openId = '-000ZjTbqWJg0hl5bUx8pD9yqiZhXlOfDsBS';
const account = { externalAccountId: openId, accessToken: 'act.creator-token', settings: { username: 'tiny.kitchen' } };
const videoBytes = Buffer.alloc(2500, 3);
const video = { ...uploadMedia('video', 'video/mp4', videoBytes), durationSeconds: 42 };

let keys = 0;
const videoRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest(
    {
      idempotencyKey: `job-${++keys}`,
      postType: 'video',
      text: 'Five-minute dumplings #cooking',
      media: [video],
      options: { privacy: 'PUBLIC_TO_EVERYONE', allowComments: true },
    },
    overrides,
  );

const ok = (data: unknown): FakeReply => ({ json: { data, error: { code: 'ok', message: '', log_id: 'log-1' } } });
const refused = (status: number, code: string, message = code): FakeReply => ({
  status,
  json: { data: {}, error: { code, message, log_id: 'log-2' } },
});
const creator = (overrides: Record<string, unknown> = {}) =>
  ok({
    creator_username: 'tiny.kitchen',
    creator_nickname: 'Tiny Kitchen',
    privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
    comment_disabled: false,
    duet_disabled: false,
    stitch_disabled: true,
    max_video_post_duration_sec: 600,
    ...overrides,
  });
const status = (value: string, extra: Record<string, unknown> = {}) => ok({ status: value, ...extra });

describe('TikTokConnector', () => {
  const db = migratedDatabase('sqlite');
  let fake: FakeNetwork;
  let connector: TikTokConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
  });
  const connect = () => {
    connector = new TikTokConnector({ apiBaseUrl: fake.url }, db.dataSource, {
      chunkBytes: 1000,
      statusChecks: 3,
      statusIntervalMs: 0,
      checkAgainMs: 45_000,
    });
  };
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const directVideo = () =>
    fake
      .on('POST', '/v2/post/publish/creator_info/query/', creator())
      .on(
        'POST',
        '/v2/post/publish/video/init/',
        ok({ publish_id: 'v_pub_url~v2.123', upload_url: `${fake.url}/upload/abc` }),
      )
      .on('PUT', '/upload/abc', { status: 206 }, { status: 201 });

  describe('publish', () => {
    it('reads creator info, inits a direct post, uploads the file in chunks and polls until PUBLISH_COMPLETE', async () => {
      connect();
      directVideo().on(
        'POST',
        '/v2/post/publish/status/fetch/',
        status('PROCESSING_UPLOAD', { uploaded_bytes: 2500 }),
        // int64 as TikTok sends it, past Number.MAX_SAFE_INTEGER.
        {
          headers: { 'content-type': 'application/json' },
          text: '{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7345678901234567890]},"error":{"code":"ok","message":"","log_id":"l"}}',
        },
      );

      const post = await connector.publish(account, videoRequest());

      expect(post).toEqual({
        externalId: '7345678901234567890',
        url: 'https://www.tiktok.com/@tiny.kitchen/video/7345678901234567890',
      });
      expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /v2/post/publish/creator_info/query/',
        'POST /v2/post/publish/video/init/',
        'PUT /upload/abc',
        'PUT /upload/abc',
        'POST /v2/post/publish/status/fetch/',
        'POST /v2/post/publish/status/fetch/',
      ]);
      const [init] = fake.to('POST', '/v2/post/publish/video/init/');
      expect(init.headers.authorization).toBe('Bearer act.creator-token');
      expect(readJson(init)).toEqual({
        post_info: {
          title: 'Five-minute dumplings #cooking',
          privacy_level: 'PUBLIC_TO_EVERYONE',
          disable_comment: false,
          disable_duet: true,
          disable_stitch: true,
        },
        source_info: { source: 'FILE_UPLOAD', video_size: 2500, chunk_size: 1000, total_chunk_count: 2 },
      });
      const puts = fake.to('PUT', '/upload/abc');
      expect(puts.map((p) => p.headers['content-range'])).toEqual(['bytes 0-999/2500', 'bytes 1000-2499/2500']);
      expect(puts[0].headers['content-type']).toBe('video/mp4');
      expect(Buffer.concat(puts.map((p) => p.body)).equals(videoBytes)).toBe(true);
      expect(readJson(fake.to('POST', '/v2/post/publish/status/fetch/')[0])).toEqual({
        publish_id: 'v_pub_url~v2.123',
      });
    });

    it("refuses, before uploading, what the creator's settings do not allow, naming the field", async () => {
      connect();
      fake
        .on(
          'POST',
          '/v2/post/publish/creator_info/query/',
          creator({ max_video_post_duration_sec: 30, comment_disabled: true }),
        )
        .on('POST', '/v2/post/publish/video/init/', ok({ publish_id: 'never', upload_url: `${fake.url}/never` }));

      const privacy = await failureOf(
        connector.publish(account, videoRequest({ options: { privacy: 'FOLLOWER_OF_CREATOR' } })),
      );
      const duration = await failureOf(connector.publish(account, videoRequest({ options: { privacy: 'SELF_ONLY' } })));
      const stitch = await failureOf(
        connector.publish(
          account,
          videoRequest({
            media: [{ ...video, durationSeconds: 10 }],
            options: { privacy: 'SELF_ONLY', allowStitch: true },
          }),
        ),
      );

      expect(privacy).toMatchObject({ kind: 'bad-request' });
      expect(privacy.reason).toMatch(/^options\.privacy .*PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY/);
      expect(duration.reason).toMatch(/^media\[0\] lasts 42 s; .* at most 30 s/);
      expect(stitch.reason).toMatch(/^options\.allowStitch /);
      expect(fake.to('POST', '/v2/post/publish/video/init/')).toHaveLength(0);
    });

    it("sends a video to the creator's inbox without post settings and records its publish_id", async () => {
      connect();
      fake
        .on(
          'POST',
          '/v2/post/publish/inbox/video/init/',
          ok({ publish_id: 'v_inbox_file~v2.9', upload_url: `${fake.url}/upload/inbox` }),
        )
        .on('PUT', '/upload/inbox', { status: 206 }, { status: 201 })
        .on('POST', '/v2/post/publish/status/fetch/', status('SEND_TO_USER_INBOX'));

      const post = await connector.publish(account, videoRequest({ options: { mode: 'inbox' } }));

      expect(post).toEqual({ externalId: 'v_inbox_file~v2.9', url: null });
      expect(fake.to('POST', '/v2/post/publish/creator_info/query/')).toHaveLength(0);
      expect(readJson(fake.to('POST', '/v2/post/publish/inbox/video/init/')[0])).toEqual({
        source_info: { source: 'FILE_UPLOAD', video_size: 2500, chunk_size: 1000, total_chunk_count: 2 },
      });
    });

    it('posts photos by URL as a PHOTO content post with title and description', async () => {
      connect();
      fake
        .on('POST', '/v2/post/publish/creator_info/query/', creator())
        .on('POST', '/v2/post/publish/content/init/', ok({ publish_id: 'p_pub_url~v2.5' }))
        .on(
          'POST',
          '/v2/post/publish/status/fetch/',
          status('PUBLISH_COMPLETE', { publicaly_available_post_id: ['7345000000000000001'] }),
        );

      const post = await connector.publish(
        account,
        videoRequest({
          postType: 'carousel',
          text: 'Market haul',
          media: [urlMedia('img-1'), urlMedia('img-2')],
          options: { privacy: 'MUTUAL_FOLLOW_FRIENDS', title: 'Saturday market' },
        }),
      );

      expect(post.externalId).toBe('7345000000000000001');
      expect(readJson(fake.to('POST', '/v2/post/publish/content/init/')[0])).toEqual({
        post_info: {
          title: 'Saturday market',
          description: 'Market haul',
          privacy_level: 'MUTUAL_FOLLOW_FRIENDS',
          disable_comment: true,
          auto_add_music: true,
        },
        source_info: {
          source: 'PULL_FROM_URL',
          photo_cover_index: 0,
          photo_images: ['https://media.example/img-1', 'https://media.example/img-2'],
        },
        post_mode: 'DIRECT_POST',
        media_type: 'PHOTO',
      });
    });

    it('ends a long processing with a retry that checks the same publish again, never uploading twice', async () => {
      connect();
      directVideo().on('POST', '/v2/post/publish/status/fetch/', status('PROCESSING_UPLOAD', { uploaded_bytes: 2500 }));
      const request = videoRequest();

      expect(await failureOf(connector.publish(account, request))).toEqual({
        kind: 'retry',
        afterMs: 45_000,
        reason: 'TikTok is still processing the post; checking again shortly',
      });
      expect(fake.to('POST', '/v2/post/publish/status/fetch/')).toHaveLength(3);

      fake.reset();
      fake.on(
        'POST',
        '/v2/post/publish/status/fetch/',
        status('PUBLISH_COMPLETE', { publicaly_available_post_id: ['7345000000000000002'] }),
      );
      expect((await connector.publish(account, request)).externalId).toBe('7345000000000000002');
      expect(fake.received.map((r) => r.path)).toEqual(['/v2/post/publish/status/fetch/']);
      fake.reset();
      expect((await connector.findPublished(account, request))?.externalId).toBe('7345000000000000002');
      expect(fake.received).toHaveLength(0);
    });

    it('reports a FAILED publish by its fail_reason', async () => {
      connect();
      directVideo().on(
        'POST',
        '/v2/post/publish/status/fetch/',
        status('FAILED', { fail_reason: 'file_format_check_failed' }),
      );
      expect(await failureOf(connector.publish(account, videoRequest()))).toMatchObject({
        kind: 'bad-request',
        reason: 'TikTok did not publish the post (file_format_check_failed)',
      });
    });
  });

  describe('findPublished', () => {
    const storeSession = (key: string, progressAt: Date) =>
      db.dataSource.getRepository(NetworkUploadSession).insert({
        network: 'tiktok',
        idempotencyKey: key,
        accountExternalId: openId,
        sessionRef: `pub-${key}`,
        state: 'started',
        externalId: null,
        progressAt,
      });
    const old = () => new Date(Date.now() - 10 * 60_000);

    it('hands a photo post whose init answer was lost to a person: TikTok may be pulling the photos already', async () => {
      connect();
      const request = videoRequest({ postType: 'photo', media: [urlMedia('img-1')] });
      fake
        .on('POST', '/v2/post/publish/creator_info/query/', creator())
        .on('POST', '/v2/post/publish/content/init/', { status: 502, text: 'bad gateway' });
      expect((await failureOf(connector.publish(account, request))).kind).toBe('retry');

      await expect(connector.findPublished(account, request)).rejects.toBeInstanceOf(LookupUnavailableError);

      // A refusal TikTok answered (400) leaves nothing to look up.
      const refusedRequest = videoRequest({ postType: 'photo', media: [urlMedia('img-2')] });
      fake.on('POST', '/v2/post/publish/content/init/', refused(400, 'invalid_param'));
      expect((await failureOf(connector.publish(account, refusedRequest))).kind).toBe('bad-request');
      expect(await connector.findPublished(account, refusedRequest)).toBeNull();
    });

    it('finds nothing without a stored publish_id, asking nothing', async () => {
      connect();
      expect(await connector.findPublished(account, videoRequest())).toBeNull();
      expect(fake.received).toHaveLength(0);
    });

    it('settles by the stored publish: complete → the post, still processing → later, an upload that broke off → not published', async () => {
      connect();
      const [complete, processing, broken] = [videoRequest(), videoRequest(), videoRequest()];
      for (const r of [complete, processing, broken]) await storeSession(r.idempotencyKey, old());
      fake.on('POST', '/v2/post/publish/status/fetch/', (r) => {
        const id = (readJson(r) as { publish_id: string }).publish_id;
        if (id === `pub-${complete.idempotencyKey}`)
          return status('PUBLISH_COMPLETE', { publicaly_available_post_id: ['7345000000000000003'] });
        if (id === `pub-${processing.idempotencyKey}`) return status('PROCESSING_UPLOAD', { uploaded_bytes: 2500 });
        return status('PROCESSING_UPLOAD', { uploaded_bytes: 1000 });
      });

      expect(await connector.findPublished(account, complete)).toEqual({
        externalId: '7345000000000000003',
        url: 'https://www.tiktok.com/@tiny.kitchen/video/7345000000000000003',
      });
      expect(await failureOf(connector.findPublished(account, processing))).toMatchObject({
        kind: 'retry',
        afterMs: 45_000,
      });
      expect(await connector.findPublished(account, broken)).toBeNull();
      const left = await db.dataSource
        .getRepository(NetworkUploadSession)
        .findOneBy({ network: 'tiktok', idempotencyKey: broken.idempotencyKey });
      expect(left).toBeNull();
    });
  });

  describe('failures', () => {
    const attempt = async (reply: FakeReply) => {
      connect();
      fake.on('POST', '/v2/post/publish/creator_info/query/', reply);
      return failureOf(connector.publish(account, videoRequest()));
    };

    it("classifies TikTok's error codes", async () => {
      expect((await attempt(refused(401, 'access_token_invalid'))).kind).toBe('reauth');
      expect((await attempt(refused(401, 'scope_not_authorized'))).kind).toBe('reauth');
      expect(await attempt({ ...refused(429, 'rate_limit_exceeded'), headers: { 'retry-after': '30' } })).toMatchObject(
        {
          kind: 'retry',
          afterMs: 30_000,
        },
      );
      expect(await attempt(refused(403, 'spam_risk_too_many_posts'))).toMatchObject({
        kind: 'retry',
        afterMs: 3600_000,
      });
      expect((await attempt(refused(403, 'spam_risk_user_banned_from_posting'))).kind).toBe('disconnect');
      expect((await attempt(refused(403, 'unaudited_client_can_only_post_to_private_accounts'))).reason).toMatch(
        /SELF_ONLY/,
      );
      expect((await attempt(refused(400, 'invalid_param'))).kind).toBe('bad-request');
      // An error code on a 200 is a refusal all the same.
      expect((await attempt(refused(200, 'access_token_invalid'))).kind).toBe('reauth');
    });

    it('retries 5xx and a body that is not JSON', async () => {
      expect((await attempt(refused(500, 'internal_error'))).kind).toBe('retry');
      expect(await attempt({ status: 200, text: '<html>gateway</html>' })).toMatchObject({
        kind: 'retry',
        reason: 'TikTok answered with a body that is not JSON',
      });
    });
  });

  it('cannot delete: TikTok offers no delete, said as a typed error', async () => {
    connect();
    const error = await connector.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TikTokDeleteUnsupportedError);
    expect((error as TikTokDeleteUnsupportedError).failure).toEqual({
      kind: 'bad-request',
      reason: 'TikTok does not let apps delete posts: delete it in the TikTok app',
    });
  });

  describe('metrics', () => {
    it('reads views, likes, comments and shares of up to 20 videos', async () => {
      connect();
      fake.on(
        'POST',
        '/v2/video/query/',
        ok({ videos: [{ id: '111', view_count: 1200, like_count: 90, comment_count: 7, share_count: 3 }] }),
      );

      const metrics = await connector.fetchMetrics(account, ['111', '222']);

      expect(metrics.get('111')).toMatchObject({
        videoViews: 1200,
        reactions: 90,
        comments: 7,
        shares: 3,
        impressions: null,
      });
      expect(metrics.has('222')).toBe(false);
      const [query] = fake.received;
      expect(query.query.get('fields')).toBe('id,view_count,like_count,comment_count,share_count');
      expect(readJson(query)).toEqual({ filters: { video_ids: ['111', '222'] } });
    });

    it('says metrics are unavailable when video.list was not granted', async () => {
      connect();
      fake.on('POST', '/v2/video/query/', refused(401, 'scope_not_authorized'));
      await expect(connector.fetchMetrics(account, ['111'])).rejects.toBeInstanceOf(MetricsUnavailableError);
    });

    it("reads the creator's counts and lists videos back to a date", async () => {
      connect();
      const now = Math.floor(Date.now() / 1000);
      fake
        .on(
          'GET',
          '/v2/user/info/',
          ok({
            user: { open_id: openId, follower_count: 5400, following_count: 12, likes_count: 88000, video_count: 61 },
          }),
        )
        .on(
          'POST',
          '/v2/video/list/',
          ok({
            videos: [
              {
                id: '333',
                video_description: 'new one',
                create_time: now - 60,
                share_url: 'https://www.tiktok.com/@tiny.kitchen/video/333',
              },
              { id: '222', title: 'older', create_time: now - 10 * 86400 },
            ],
            cursor: now - 10 * 86400,
            has_more: true,
          }),
        );

      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: 5400,
        following: 12,
        posts: 61,
        profileViews: null,
      });
      const posts = await connector.listPosts(account, new Date(Date.now() - 86400_000));
      expect(posts.map((p) => [p.externalId, p.text, p.url])).toEqual([
        ['333', 'new one', 'https://www.tiktok.com/@tiny.kitchen/video/333'],
      ]);
      expect(fake.to('POST', '/v2/video/list/')).toHaveLength(1);
    });
  });
});
