import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson, readMultipart } from '../../testing/fake-network';
import { XConnector } from './x.connector';

const postRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest({ idempotencyKey: 'variant-1:0', text: 'Hello X' }, overrides);
const mediaItem = uploadMedia;

const account = { externalAccountId: '2244994945', accessToken: 'user-token' };

const created = (id: string, text = '') => ({ status: 201, json: { data: { id, text } } });

describe('XConnector', () => {
  let fake: FakeNetwork;
  let connector: XConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new XConnector({ apiBaseUrl: fake.url }, { chunkBytes: 4, statusIntervalMs: 0, maxStatusChecks: 3 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('posts the text with the account token and returns the post id and link', async () => {
      fake.on('POST', '/2/tweets', created('1445880548472328192', 'Hello X'));

      const post = await connector.publish(account, postRequest());

      expect(post).toEqual({
        externalId: '1445880548472328192',
        url: 'https://x.com/i/web/status/1445880548472328192',
      });
      expect(fake.received).toHaveLength(1);
      const [sent] = fake.received;
      expect(sent.headers.authorization).toBe('Bearer user-token');
      expect(sent.headers['content-type']).toBe('application/json');
      expect(readJson(sent)).toEqual({ text: 'Hello X' });
    });

    it('puts the link at the end of the text', async () => {
      fake.on('POST', '/2/tweets', created('1'));

      await connector.publish(account, postRequest({ postType: 'link', link: 'https://example.com/a' }));

      expect(readJson(fake.received[0])).toEqual({ text: 'Hello X\n\nhttps://example.com/a' });
    });

    it('uploads an image in chunks and attaches its media id', async () => {
      const image = Buffer.from('0123456789');
      fake
        .on('POST', '/2/media/upload', (request) => uploadAnswer(request.body.toString('latin1')))
        .on('POST', '/2/tweets', created('77'));

      await connector.publish(
        account,
        postRequest({ postType: 'photo', media: [mediaItem('image', 'image/png', image)] }),
      );

      const uploads = await Promise.all(fake.to('POST', '/2/media/upload').map(readMultipart));
      expect(uploads.map((form) => form.get('command'))).toEqual(['INIT', 'APPEND', 'APPEND', 'APPEND', 'FINALIZE']);
      expect(Object.fromEntries([...uploads[0].entries()])).toEqual({
        command: 'INIT',
        media_type: 'image/png',
        total_bytes: '10',
        media_category: 'tweet_image',
      });
      expect(uploads.slice(1, 4).map((form) => form.get('segment_index'))).toEqual(['0', '1', '2']);
      expect(uploads.slice(1, 4).every((form) => form.get('media_id') === 'media-1')).toBe(true);
      const chunks = await Promise.all(uploads.slice(1, 4).map((form) => (form.get('media') as Blob).text()));
      expect(chunks).toEqual(['0123', '4567', '89']);
      expect(uploads[4].get('media_id')).toBe('media-1');
      expect(fake.to('GET', '/2/media/upload')).toHaveLength(0);
      expect(readJson(fake.to('POST', '/2/tweets')[0])).toEqual({
        text: 'Hello X',
        media: { media_ids: ['media-1'] },
      });
    });

    it('waits for video processing through STATUS before posting', async () => {
      fake
        .on('POST', '/2/media/upload', (request) =>
          uploadAnswer(request.body.toString('latin1'), { state: 'pending', check_after_secs: 1 }),
        )
        .on(
          'GET',
          '/2/media/upload',
          processing({ state: 'in_progress', check_after_secs: 1, progress_percent: 40 }),
          processing({ state: 'succeeded', progress_percent: 100 }),
        )
        .on('POST', '/2/tweets', created('88'));

      const post = await connector.publish(
        account,
        postRequest({ postType: 'video', media: [mediaItem('video', 'video/mp4', Buffer.from('video'))] }),
      );

      expect(post.externalId).toBe('88');
      const init = await readMultipart(fake.to('POST', '/2/media/upload')[0]);
      expect(init.get('media_category')).toBe('tweet_video');
      const statusChecks = fake.to('GET', '/2/media/upload');
      expect(statusChecks.map((r) => Object.fromEntries(r.query))).toEqual([
        { command: 'STATUS', media_id: 'media-1' },
        { command: 'STATUS', media_id: 'media-1' },
      ]);
      expect(readJson(fake.to('POST', '/2/tweets')[0])).toMatchObject({ media: { media_ids: ['media-1'] } });
    });

    it('refuses the post when X fails to process the video', async () => {
      fake
        .on('POST', '/2/media/upload', (request) => uploadAnswer(request.body.toString('latin1'), { state: 'pending' }))
        .on('GET', '/2/media/upload', processing({ state: 'failed', error: { message: 'InvalidMedia' } }));

      const failure = await failureOf(
        connector.publish(account, postRequest({ media: [mediaItem('video', 'video/mp4', Buffer.from('v'))] })),
      );

      expect(failure).toEqual({ kind: 'bad-request', reason: 'X could not process the media: InvalidMedia' });
      expect(fake.to('POST', '/2/tweets')).toHaveLength(0);
    });

    it('gives up waiting for processing after the configured checks and asks for a retry', async () => {
      fake
        .on('POST', '/2/media/upload', (request) => uploadAnswer(request.body.toString('latin1'), { state: 'pending' }))
        .on('GET', '/2/media/upload', processing({ state: 'in_progress' }));

      const failure = await failureOf(
        connector.publish(account, postRequest({ media: [mediaItem('video', 'video/mp4', Buffer.from('v'))] })),
      );

      expect(failure).toMatchObject({ kind: 'retry', reason: 'X was still processing the media after 3 checks' });
      expect(fake.to('GET', '/2/media/upload')).toHaveLength(3);
    });

    it('posts a 3-part thread as a reply chain and returns the first post', async () => {
      fake.on('POST', '/2/tweets', created('100'), created('101'), created('102'));

      const post = await connector.publish(
        account,
        postRequest({ text: 'Part 1', options: { thread: ['Part 2', 'Part 3'] } }),
      );

      expect(post.externalId).toBe('100');
      expect(fake.to('POST', '/2/tweets').map(readJson)).toEqual([
        { text: 'Part 1' },
        { text: 'Part 2', reply: { in_reply_to_tweet_id: '100' } },
        { text: 'Part 3', reply: { in_reply_to_tweet_id: '101' } },
      ]);
    });

    it('posts a poll', async () => {
      fake.on('POST', '/2/tweets', created('200'));

      await connector.publish(
        account,
        postRequest({
          postType: 'poll',
          text: 'Tabs or spaces?',
          options: { pollOptions: ['Tabs', 'Spaces'], pollDurationMinutes: 1440 },
        }),
      );

      expect(readJson(fake.received[0])).toEqual({
        text: 'Tabs or spaces?',
        poll: { options: ['Tabs', 'Spaces'], duration_minutes: 1440 },
      });
    });

    it('refuses a malformed poll before calling X', async () => {
      const failure = await failureOf(
        connector.publish(account, postRequest({ options: { pollOptions: ['Only one'], pollDurationMinutes: 60 } })),
      );

      expect(failure.kind).toBe('bad-request');
      expect(fake.received).toHaveLength(0);
    });
  });

  describe('failures', () => {
    const publish = () => failureOf(connector.publish(account, postRequest()));

    it('asks for reconnection on an expired token (401)', async () => {
      fake.on('POST', '/2/tweets', {
        status: 401,
        json: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
      });
      expect(await publish()).toMatchObject({ kind: 'reauth' });
    });

    it('asks for reconnection when a permission is missing (403)', async () => {
      fake.on('POST', '/2/tweets', {
        status: 403,
        json: { title: 'Forbidden', detail: 'You are not permitted to perform this action.', status: 403 },
      });
      expect(await publish()).toMatchObject({ kind: 'reauth' });
    });

    it('does not retry a duplicate post', async () => {
      fake.on('POST', '/2/tweets', {
        status: 403,
        json: { title: 'Forbidden', detail: 'You are not allowed to create a Tweet with duplicate content.' },
      });
      expect(await publish()).toEqual({ kind: 'bad-request', reason: 'X refused a duplicate post' });
    });

    it('retries after the rate-limit reset X announces (429)', async () => {
      const reset = Math.ceil(Date.now() / 1000) + 60;
      fake.on('POST', '/2/tweets', {
        status: 429,
        headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
        json: { title: 'Too Many Requests', detail: 'Too Many Requests', status: 429 },
      });

      const failure = await publish();

      expect(failure.kind).toBe('retry');
      const afterMs = (failure as { afterMs: number }).afterMs;
      expect(afterMs).toBeGreaterThan(55_000);
      expect(afterMs).toBeLessThanOrEqual(61_000);
    });

    it('falls back to Retry-After on a 429 without a reset header', async () => {
      fake.on('POST', '/2/tweets', {
        status: 429,
        headers: { 'retry-after': '30' },
        json: { title: 'Too Many Requests' },
      });
      expect(await publish()).toEqual({ kind: 'retry', afterMs: 30_000, reason: 'X rate limit reached' });
    });

    it('retries a server error (503)', async () => {
      fake.on('POST', '/2/tweets', { status: 503, text: 'Service Unavailable' });
      expect(await publish()).toMatchObject({ kind: 'retry', reason: 'HTTP 503' });
    });

    it('retries when a success answer is not JSON', async () => {
      fake.on('POST', '/2/tweets', { status: 201, text: '<html>upstream proxy</html>' });
      expect(await publish()).toEqual({
        kind: 'retry',
        afterMs: null,
        reason: 'X answered with a body that is not JSON',
      });
    });

    it('retries when a success answer has no post id', async () => {
      fake.on('POST', '/2/tweets', { status: 201, json: { data: {} } });
      expect(await publish()).toEqual({ kind: 'retry', afterMs: null, reason: 'X answered without data.id' });
    });

    it('retries when X cannot be reached', async () => {
      const closed = await FakeNetwork.start();
      const unreachable = new XConnector({ apiBaseUrl: closed.url });
      await closed.close();

      const failure = await failureOf(unreachable.publish(account, postRequest()));

      expect(failure).toMatchObject({ kind: 'retry' });
      expect(failure.reason).toMatch(/^X could not be reached/);
    });
  });

  describe('delete', () => {
    it('deletes the post', async () => {
      fake.on('DELETE', '/2/tweets/100', { json: { data: { deleted: true } } });
      await connector.delete(account, '100');
      expect(fake.to('DELETE', '/2/tweets/100')[0].headers.authorization).toBe('Bearer user-token');
    });

    it('counts a post that is already gone as deleted', async () => {
      fake.on('DELETE', '/2/tweets/100', { status: 404, json: { title: 'Not Found Error' } });
      await expect(connector.delete(account, '100')).resolves.toBeUndefined();
    });
  });

  describe('findPublished', () => {
    it('finds a recent post by its text, as X rewrites links and escapes', async () => {
      fake.on('GET', '/2/users/2244994945/tweets', {
        json: {
          data: [
            { id: '300', text: 'Something else' },
            { id: '301', text: 'Fish &amp; chips\n\nhttps://t.co/abc https://t.co/media' },
          ],
          meta: { result_count: 2, newest_id: '301', oldest_id: '300' },
        },
      });

      const found = await connector.findPublished(
        account,
        postRequest({ text: 'Fish & chips', link: 'https://example.com/menu', media: [] }),
      );

      expect(found).toEqual({ externalId: '301', url: 'https://x.com/i/web/status/301' });
      expect(Object.fromEntries(fake.received[0].query)).toEqual({ max_results: '20', exclude: 'replies,retweets' });
    });

    it('answers null when the account has no matching post', async () => {
      fake.on('GET', '/2/users/2244994945/tweets', { json: { meta: { result_count: 0 } } });
      expect(await connector.findPublished(account, postRequest())).toBeNull();
    });
  });
});

/** X's answers to INIT / APPEND / FINALIZE, told apart by the multipart `command` field. */
function uploadAnswer(body: string, processingInfo?: Record<string, unknown>) {
  if (body.includes('INIT'))
    return { status: 202, json: { data: { id: 'media-1', media_key: '13_media-1', expires_after_secs: 86400 } } };
  if (body.includes('APPEND')) return { status: 204 };
  return {
    status: 201,
    json: { data: { id: 'media-1', size: 5, expires_after_secs: 86400, processing_info: processingInfo } },
  };
}

function processing(info: Record<string, unknown>) {
  return { json: { data: { id: 'media-1', media_key: '13_media-1', processing_info: info } } };
}
