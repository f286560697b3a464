import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LookupUnavailableError, MetricsUnavailableError, PublishMedia, PublishRequest } from '../connector';
import { failureOf, publishRequest, urlMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson, readMultipart } from '../../testing/fake-network';
import { PinterestConnector } from './pinterest.connector';

const account = { externalAccountId: '549755885175', accessToken: 'pina_token' };
const now = new Date('2026-12-03T12:00:00Z');
const pinRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest(
    {
      postType: 'photo',
      text: 'Creamy lemon pasta in 20 minutes',
      link: 'https://greenleaf.example/lemon-pasta',
      media: [urlMedia('img-1')],
      options: { boardId: '5001', title: 'Lemon pasta', altText: 'A bowl of pasta with lemon zest' },
    },
    overrides,
  );
/** Media the server serves from its own private address: Pinterest could not fetch it by URL. */
const localMedia = (id: string, bytes: Buffer, mimeType = 'image/png'): PublishMedia => ({
  id,
  kind: mimeType.startsWith('video') ? 'video' : 'image',
  mimeType,
  bytes: bytes.length,
  url: `http://127.0.0.1:3000/media/${id}?sig=x`,
  read: async () => bytes,
});
const created = (id = '813744226420795884') => ({
  status: 201,
  json: { id, created_at: '2026-12-03T11:59:00', board_id: '5001', title: 'Lemon pasta' },
});

describe('PinterestConnector', () => {
  let fake: FakeNetwork;
  let connector: PinterestConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new PinterestConnector(
      { apiBaseUrl: fake.url },
      { videoPacing: { statusIntervalMs: 0, maxStatusChecks: 3 }, now: () => now },
    );
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('pins an image by its signed URL to the chosen board and section with title, description, link and alt text', async () => {
      fake.on('POST', '/v5/pins', created());

      const post = await connector.publish(
        account,
        pinRequest({ options: { ...pinRequest().options, sectionId: '7001' } }),
      );

      expect(post).toEqual({
        externalId: '813744226420795884',
        url: 'https://www.pinterest.com/pin/813744226420795884/',
      });
      const [sent] = fake.received;
      expect(sent.headers.authorization).toBe('Bearer pina_token');
      expect(readJson(sent)).toEqual({
        board_id: '5001',
        board_section_id: '7001',
        title: 'Lemon pasta',
        description: 'Creamy lemon pasta in 20 minutes',
        link: 'https://greenleaf.example/lemon-pasta',
        alt_text: 'A bowl of pasta with lemon zest',
        media_source: { source_type: 'image_url', url: 'https://media.example/img-1' },
      });
    });

    it('sends an image inline as base64 when its URL is one Pinterest cannot reach', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      fake.on('POST', '/v5/pins', created());

      await connector.publish(account, pinRequest({ media: [localMedia('img-2', png)] }));

      expect(readJson(fake.received[0])).toMatchObject({
        media_source: { source_type: 'image_base64', content_type: 'image/png', data: png.toString('base64') },
      });
    });

    it('pins a carousel of images, each item carrying the pin’s title, description and link', async () => {
      fake.on('POST', '/v5/pins', created());

      await connector.publish(
        account,
        pinRequest({ postType: 'carousel', media: [urlMedia('a'), urlMedia('b'), urlMedia('c')] }),
      );

      const shared = {
        title: 'Lemon pasta',
        description: 'Creamy lemon pasta in 20 minutes',
        link: 'https://greenleaf.example/lemon-pasta',
      };
      expect(readJson(fake.received[0])).toMatchObject({
        media_source: {
          source_type: 'multiple_image_urls',
          index: 0,
          items: ['a', 'b', 'c'].map((id) => ({ ...shared, url: `https://media.example/${id}` })),
        },
      });
    });

    it('registers a video, uploads it with the one-time form fields, waits until processed, then pins it', async () => {
      const video = Buffer.from('fake-mp4-bytes');
      fake
        .on('POST', '/v5/media', {
          status: 201,
          json: {
            media_id: '12345',
            media_type: 'video',
            upload_url: `${fake.url}/s3-upload`,
            upload_parameters: { key: 'uploads/12345.mp4', policy: 'eyJleHBpcmF0aW9u', 'x-amz-signature': 'abc' },
          },
        })
        .on('POST', '/s3-upload', { status: 204 })
        .on(
          'GET',
          '/v5/media/12345',
          { json: { media_id: '12345', media_type: 'video', status: 'processing' } },
          { json: { media_id: '12345', media_type: 'video', status: 'succeeded' } },
        )
        .on('POST', '/v5/pins', created('900'));

      const post = await connector.publish(
        account,
        pinRequest({
          postType: 'video',
          media: [localMedia('vid-1', video, 'video/mp4')],
          options: { boardId: '5001' },
        }),
      );

      expect(post.externalId).toBe('900');
      expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /v5/media',
        'POST /s3-upload',
        'GET /v5/media/12345',
        'GET /v5/media/12345',
        'POST /v5/pins',
      ]);
      expect(readJson(fake.received[0])).toEqual({ media_type: 'video' });
      const upload = fake.received[1];
      expect(upload.headers.authorization).toBeUndefined();
      const form = await readMultipart(upload);
      expect(form.get('key')).toBe('uploads/12345.mp4');
      expect(form.get('x-amz-signature')).toBe('abc');
      expect(Buffer.from(await (form.get('file') as Blob).arrayBuffer()).equals(video)).toBe(true);
      expect(readJson(fake.received[4])).toMatchObject({
        board_id: '5001',
        media_source: { source_type: 'video_id', media_id: '12345', cover_image_key_frame_time: 1000 },
      });
    });

    it('refuses a video Pinterest could not process as the post’s fault', async () => {
      fake
        .on('POST', '/v5/media', {
          json: { media_id: '9', upload_url: `${fake.url}/s3-upload`, upload_parameters: {} },
        })
        .on('POST', '/s3-upload', { status: 204 })
        .on('GET', '/v5/media/9', { json: { media_id: '9', status: 'failed' } });

      const failure = await failureOf(
        connector.publish(
          account,
          pinRequest({ postType: 'video', media: [localMedia('v', Buffer.from('x'), 'video/mp4')] }),
        ),
      );

      expect(failure).toMatchObject({ kind: 'bad-request' });
      expect(failure.reason).toMatch(/^media: Pinterest could not process the video/);
      expect(fake.to('POST', '/v5/pins')).toHaveLength(0);
    });

    it('refuses a pin without a board before calling Pinterest, naming options.boardId', async () => {
      const failure = await failureOf(connector.publish(account, pinRequest({ options: { title: 'No board' } })));

      expect(failure).toMatchObject({ kind: 'bad-request' });
      expect(failure.reason).toMatch(/^options\.boardId/);
      expect(fake.received).toHaveLength(0);
    });
  });

  describe('failures', () => {
    it('names options.boardId when the board is gone (404), rather than disconnecting the account', async () => {
      fake.on('POST', '/v5/pins', { status: 404, json: { code: 40, message: 'Board not found.' } });

      const failure = await failureOf(connector.publish(account, pinRequest()));

      expect(failure.kind).toBe('bad-request');
      expect(failure.reason).toContain('options.boardId');
      expect(failure.reason).toContain('Board not found.');
    });

    it('asks for reconnection when the token expired (401)', async () => {
      fake.on('POST', '/v5/pins', { status: 401, json: { code: 2, message: 'Authentication failed.' } });

      expect(await failureOf(connector.publish(account, pinRequest()))).toMatchObject({ kind: 'reauth' });
    });

    it('asks for reconnection when a scope is missing (403)', async () => {
      fake.on('POST', '/v5/pins', {
        status: 403,
        json: { code: 3, message: 'Your application does not have the required scope pins:write.' },
      });

      const failure = await failureOf(connector.publish(account, pinRequest()));

      expect(failure.kind).toBe('reauth');
      expect(failure.reason).toContain('pins:write');
    });

    it('treats a refused image (403 without a permission word) as the post’s fault', async () => {
      fake.on('POST', '/v5/pins', { status: 403, json: { code: 1, message: 'Image is too small.' } });

      expect(await failureOf(connector.publish(account, pinRequest()))).toMatchObject({ kind: 'bad-request' });
    });

    it('retries after Retry-After when rate limited (429)', async () => {
      fake.on('POST', '/v5/pins', {
        status: 429,
        headers: { 'retry-after': '42' },
        json: { code: 8, message: 'Rate limit exceeded' },
      });

      expect(await failureOf(connector.publish(account, pinRequest()))).toMatchObject({
        kind: 'retry',
        afterMs: 42_000,
      });
    });

    it('retries a server error (503)', async () => {
      fake.on('POST', '/v5/pins', { status: 503, text: 'upstream unavailable' });

      expect(await failureOf(connector.publish(account, pinRequest()))).toMatchObject({ kind: 'retry' });
    });

    it('retries when the pin was accepted with a body that is not JSON, or without an id', async () => {
      fake.on('POST', '/v5/pins', { status: 201, text: '<html>ok</html>' });
      expect(await failureOf(connector.publish(account, pinRequest()))).toMatchObject({ kind: 'retry' });

      fake.on('POST', '/v5/pins', { status: 201, json: { board_id: '5001' } });
      expect(await failureOf(connector.publish(account, pinRequest()))).toMatchObject({ kind: 'retry' });
    });
  });

  describe('findPublished (after a crash)', () => {
    const boardPins = (items: unknown[]) => ({ json: { items, bookmark: null } });

    it('finds the pin an interrupted attempt created among the board’s newest pins', async () => {
      fake.on(
        'GET',
        '/v5/boards/5001/pins',
        boardPins([
          { id: '1', created_at: '2026-12-03T11:58:00', title: 'Other', description: 'Another pin', link: null },
          {
            id: '813744226420795884',
            created_at: '2026-12-03T11:59:00',
            title: 'Lemon pasta',
            description: 'Creamy lemon pasta in 20 minutes',
            link: 'https://greenleaf.example/lemon-pasta',
          },
        ]),
      );

      const found = await connector.findPublished(account, pinRequest());

      expect(found).toEqual({
        externalId: '813744226420795884',
        url: 'https://www.pinterest.com/pin/813744226420795884/',
      });
      expect(fake.received[0].query.get('page_size')).toBe('25');
    });

    it('answers null when no recent pin matches (the same pin from yesterday does not count)', async () => {
      fake.on(
        'GET',
        '/v5/boards/5001/pins',
        boardPins([
          {
            id: 'old',
            created_at: '2026-12-02T09:00:00',
            title: 'Lemon pasta',
            description: 'Creamy lemon pasta in 20 minutes',
            link: 'https://greenleaf.example/lemon-pasta',
          },
        ]),
      );

      expect(await connector.findPublished(account, pinRequest())).toBeNull();
    });

    it('leaves the decision to a person when the pin has nothing to recognise it by', async () => {
      await expect(
        connector.findPublished(account, pinRequest({ text: '', link: null, options: { boardId: '5001' } })),
      ).rejects.toBeInstanceOf(LookupUnavailableError);
    });
  });

  describe('delete', () => {
    it('deletes the pin, and counts one already gone (404) as deleted', async () => {
      fake.on('DELETE', '/v5/pins/900', { status: 204 });
      await connector.delete(account, '900');
      expect(fake.to('DELETE', '/v5/pins/900')).toHaveLength(1);

      fake.on('DELETE', '/v5/pins/901', { status: 404, json: { code: 50, message: 'Pin not found.' } });
      await expect(connector.delete(account, '901')).resolves.toBeUndefined();
    });
  });

  describe('metrics', () => {
    it('reads each pin’s 90-day summary: impressions, saves, link clicks, video views; a gone pin is left out', async () => {
      fake
        .on('GET', '/v5/pins/900/analytics', {
          json: {
            all: {
              daily_metrics: [],
              summary_metrics: { IMPRESSION: 1520, SAVE: 48, OUTBOUND_CLICK: 31, PIN_CLICK: 77, VIDEO_MRC_VIEW: 640 },
            },
          },
        })
        .on('GET', '/v5/pins/901/analytics', { status: 404, json: { code: 50, message: 'Pin not found.' } });

      const metrics = await connector.fetchMetrics(account, ['900', '901']);

      expect([...metrics.keys()]).toEqual(['900']);
      expect(metrics.get('900')).toEqual({
        impressions: 1520,
        reach: null,
        clicks: 31,
        reactions: null,
        reactionsByType: null,
        comments: null,
        shares: null,
        saves: 48,
        videoViews: 640,
      });
      const query = fake.received[0].query;
      expect(query.get('start_date')).toBe('2026-09-05');
      expect(query.get('end_date')).toBe('2026-12-03');
      expect(query.get('metric_types')).toBe('IMPRESSION,SAVE,OUTBOUND_CLICK,VIDEO_MRC_VIEW');
    });

    it('says metrics are unavailable when Pinterest refuses analytics (403)', async () => {
      fake.on('GET', '/v5/pins/900/analytics', {
        status: 403,
        json: { code: 29, message: 'Not authorized to access Pin.' },
      });

      await expect(connector.fetchMetrics(account, ['900'])).rejects.toBeInstanceOf(MetricsUnavailableError);
    });

    it('retries metrics after Retry-After when throttled (429)', async () => {
      fake.on('GET', '/v5/pins/900/analytics', { status: 429, headers: { 'retry-after': '5' }, json: { code: 8 } });

      expect(await failureOf(connector.fetchMetrics(account, ['900']))).toMatchObject({ kind: 'retry', afterMs: 5000 });
    });

    it('reads followers, following, pins and monthly views from the user account', async () => {
      fake.on('GET', '/v5/user_account', {
        json: {
          username: 'greenleafkitchen',
          follower_count: 1200,
          following_count: 80,
          pin_count: 345,
          monthly_views: 56000,
        },
      });

      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: 1200,
        following: 80,
        posts: 345,
        profileViews: 56000,
      });
    });

    it('lists the account’s pins since a date, newest first, with their kinds', async () => {
      fake.on('GET', '/v5/pins', {
        json: {
          items: [
            { id: '3', created_at: '2026-12-02T10:00:00', description: 'Video', media: { media_type: 'video' } },
            {
              id: '2',
              created_at: '2026-12-01T10:00:00',
              description: 'Set',
              media: { media_type: 'multiple_images' },
            },
            { id: '1', created_at: '2026-11-01T10:00:00', description: 'Old', media: { media_type: 'image' } },
          ],
          bookmark: 'more',
        },
      });

      const posts = await connector.listPosts(account, new Date('2026-11-15T00:00:00Z'));

      expect(posts.map((p) => [p.externalId, p.postType, p.mediaKind])).toEqual([
        ['3', 'video', 'video'],
        ['2', 'carousel', 'image'],
      ]);
      expect(fake.to('GET', '/v5/pins')).toHaveLength(1);
    });
  });

  it('reads the boards again for a refresh of the account’s choices', async () => {
    fake
      .on('GET', '/v5/boards', { json: { items: [{ id: '5009', name: 'New board' }], bookmark: null } })
      .on('GET', '/v5/boards/5009/sections', { json: { items: [], bookmark: null } });

    expect(await connector.readBoards(account)).toEqual({
      boards: [{ id: '5009', name: 'New board', sections: [] }],
      boardsReadAt: now.toISOString(),
    });
  });
});
