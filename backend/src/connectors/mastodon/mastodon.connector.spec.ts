import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetricsUnavailableError, PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson, readMultipart } from '../../testing/fake-network';
import { MastodonConnector } from './mastodon.connector';

const postRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest({ idempotencyKey: 'variant-1:0', text: 'Hello fediverse' }, overrides);

const status = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://social.example/@ada/${id}`,
  created_at: '2026-12-01T10:00:00.000Z',
  content: '<p>Hello fediverse</p>',
  favourites_count: 0,
  reblogs_count: 0,
  replies_count: 0,
  media_attachments: [],
  ...extra,
});

describe('MastodonConnector', () => {
  let fake: FakeNetwork;
  let connector: MastodonConnector;
  let account: { externalAccountId: string; accessToken: string; settings: Record<string, unknown> };

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new MastodonConnector({ intervalMs: 0, maxChecks: 3 });
    account = {
      externalAccountId: '109@127.0.0.1',
      accessToken: 'user-token',
      settings: { instanceUrl: fake.url, instanceLimits: { maxCharacters: 1000, maxMediaAttachments: 4 } },
    };
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('posts the status with the token, the idempotency key, visibility, content warning and language', async () => {
      fake.on('POST', '/api/v1/statuses', { json: status('111') });

      const post = await connector.publish(
        account,
        postRequest({ options: { visibility: 'unlisted', spoilerText: 'Spoilers', language: 'en' } }),
      );

      expect(post).toEqual({ externalId: '111', url: 'https://social.example/@ada/111' });
      const [sent] = fake.received;
      expect(sent.headers.authorization).toBe('Bearer user-token');
      expect(sent.headers['idempotency-key']).toBe('variant-1:0');
      expect(readJson(sent)).toEqual({
        status: 'Hello fediverse',
        visibility: 'unlisted',
        language: 'en',
        spoiler_text: 'Spoilers',
        sensitive: true,
      });
    });

    it("takes the instance's own character limit: 600 characters pass at 1,000 and are refused at the default 500", async () => {
      fake.on('POST', '/api/v1/statuses', { json: status('112') });
      const long = 'a'.repeat(600);

      await connector.publish(account, postRequest({ text: long }));
      const refused = await failureOf(
        connector.publish({ ...account, settings: { instanceUrl: fake.url } }, postRequest({ text: long })),
      );

      expect(readJson(fake.received[0])).toMatchObject({ status: long });
      expect(refused.kind).toBe('bad-request');
      expect(refused.reason).toContain('allows 500');
      expect(fake.received).toHaveLength(1);
    });

    it('uploads media with alt text and waits while the instance is still processing (202, then 206, then 200)', async () => {
      fake
        .on('POST', '/api/v2/media', { status: 202, json: { id: 'm1', type: 'video', url: null } })
        .on(
          'GET',
          '/api/v1/media/m1',
          { status: 206, json: { id: 'm1', url: null } },
          { json: { id: 'm1', url: 'https://files/m1.mp4' } },
        )
        .on('POST', '/api/v1/statuses', { json: status('113') });

      await connector.publish(
        account,
        postRequest({
          postType: 'video',
          media: [uploadMedia('video', 'video/mp4', Buffer.from('movie'))],
          options: { altTexts: ['A cat on a skateboard'] },
        }),
      );

      const form = await readMultipart(fake.to('POST', '/api/v2/media')[0]);
      expect(form.get('description')).toBe('A cat on a skateboard');
      expect(await (form.get('file') as Blob).text()).toBe('movie');
      expect(fake.to('GET', '/api/v1/media/m1')).toHaveLength(2);
      expect(readJson(fake.to('POST', '/api/v1/statuses')[0])).toMatchObject({ media_ids: ['m1'] });
    });

    it('retries later when media processing does not finish within the bounded wait', async () => {
      fake
        .on('POST', '/api/v2/media', { status: 202, json: { id: 'm2', url: null } })
        .on('GET', '/api/v1/media/m2', { status: 206, json: { id: 'm2', url: null } });

      const failure = await failureOf(
        connector.publish(
          account,
          postRequest({ postType: 'photo', media: [uploadMedia('image', 'image/png', Buffer.from('png'))] }),
        ),
      );

      expect(failure.kind).toBe('retry');
      expect(fake.to('GET', '/api/v1/media/m2')).toHaveLength(3);
      expect(fake.to('POST', '/api/v1/statuses')).toHaveLength(0);
    });

    it('sends a poll with its expiry in seconds and multiple choice', async () => {
      fake.on('POST', '/api/v1/statuses', { json: status('114', { poll: { id: 'p' } }) });

      await connector.publish(
        account,
        postRequest({
          postType: 'poll',
          options: { pollOptions: ['Tea', 'Coffee'], pollDurationMinutes: 60, pollMultiple: true },
        }),
      );

      expect(readJson(fake.received[0])).toMatchObject({
        poll: { options: ['Tea', 'Coffee'], expires_in: 3600, multiple: true },
      });
    });

    it('posts thread parts as a reply chain, each with its own derived idempotency key', async () => {
      fake.on('POST', '/api/v1/statuses', { json: status('1') }, { json: status('2') }, { json: status('3') });

      const post = await connector.publish(account, postRequest({ options: { thread: ['Part two', 'Part three'] } }));

      expect(post.externalId).toBe('1');
      const sent = fake.to('POST', '/api/v1/statuses');
      expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([
        'variant-1:0',
        'variant-1:0:part-1',
        'variant-1:0:part-2',
      ]);
      expect(readJson(sent[1])).toMatchObject({ status: 'Part two', in_reply_to_id: '1' });
      expect(readJson(sent[2])).toMatchObject({ status: 'Part three', in_reply_to_id: '2' });
    });

    it('refuses options of the wrong shape before calling the instance', async () => {
      const failure = await failureOf(connector.publish(account, postRequest({ options: { visibility: 'friends' } })));

      expect(failure).toMatchObject({ kind: 'bad-request' });
      expect(failure.reason).toContain('options.visibility');
      expect(fake.received).toHaveLength(0);
    });

    it('asks for a reconnect when the account does not say its instance', async () => {
      const failure = await failureOf(connector.publish({ ...account, settings: {} }, postRequest()));
      expect(failure.kind).toBe('reauth');
    });
  });

  describe('failures, classified from Mastodon’s documented errors', () => {
    const refusedWith = async (reply: Parameters<FakeNetwork['on']>[2]) => {
      fake.on('POST', '/api/v1/statuses', reply);
      return failureOf(connector.publish(account, postRequest()));
    };

    it('401: the token was revoked → reconnect', async () => {
      expect(await refusedWith({ status: 401, json: { error: 'The access token is invalid' } })).toEqual({
        kind: 'reauth',
        reason: 'Mastodon refused the token: The access token is invalid',
      });
    });

    it('403: the account is suspended → disconnect', async () => {
      const failure = await refusedWith({ status: 403, json: { error: 'Your login is currently disabled' } });
      expect(failure.kind).toBe('disconnect');
      expect(failure.reason).toContain('Your login is currently disabled');
    });

    it('422: the status was refused → bad request with its text', async () => {
      expect(
        await refusedWith({ status: 422, json: { error: 'Validation failed: Text character limit of 500 exceeded' } }),
      ).toEqual({
        kind: 'bad-request',
        reason: 'Mastodon refused the post: Validation failed: Text character limit of 500 exceeded',
      });
    });

    it('429: waits until X-RateLimit-Reset', async () => {
      const reset = new Date(Date.now() + 120_000).toISOString();
      const failure = await refusedWith({
        status: 429,
        headers: { 'x-ratelimit-reset': reset },
        json: { error: 'Too many requests' },
      });
      expect(failure.kind).toBe('retry');
      expect(failure.kind === 'retry' && failure.afterMs).toBeGreaterThan(100_000);
    });

    it('429 without the reset header honours Retry-After', async () => {
      const failure = await refusedWith({ status: 429, headers: { 'retry-after': '30' } });
      expect(failure).toMatchObject({ kind: 'retry', afterMs: 30_000 });
    });

    it('5xx → retry', async () => {
      expect((await refusedWith({ status: 503, text: 'down' })).kind).toBe('retry');
    });

    it('a 200 that is not JSON, or without an id → retry', async () => {
      expect((await refusedWith({ status: 200, text: '<html>proxy</html>' })).kind).toBe('retry');
      expect((await refusedWith({ status: 200, json: { url: 'x' } })).kind).toBe('retry');
    });
  });

  describe('findPublished', () => {
    it("matches the account's recent statuses on their text, ignoring replies and boosts", async () => {
      fake.on('GET', '/api/v1/accounts/109/statuses', {
        json: [
          status('9', { content: '<p>Hello fediverse</p>', in_reply_to_id: '3' }),
          status('8', { content: '<p>Hello <a href="https://x">fediverse</a></p>' }),
          status('7', { content: '<p>Something else</p>' }),
        ],
      });

      expect(await connector.findPublished(account, postRequest())).toEqual({
        externalId: '8',
        url: 'https://social.example/@ada/8',
      });
      expect(fake.received[0].query.get('limit')).toBe('20');
    });

    it('answers null when no recent status has the text', async () => {
      fake.on('GET', '/api/v1/accounts/109/statuses', { json: [status('7', { content: '<p>Other</p>' })] });
      expect(await connector.findPublished(account, postRequest())).toBeNull();
    });
  });

  it('deletes a status; one already gone counts as deleted', async () => {
    fake
      .on('DELETE', '/api/v1/statuses/5', { json: {} })
      .on('DELETE', '/api/v1/statuses/6', { status: 404, json: { error: 'Record not found' } });

    await connector.delete(account, '5');
    await connector.delete(account, '6');

    expect(fake.received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /api/v1/statuses/5',
      'DELETE /api/v1/statuses/6',
    ]);
  });

  describe('metrics', () => {
    it('reads favourites, boosts and replies in one batch call; impressions stay null', async () => {
      fake.on('GET', '/api/v1/statuses', {
        json: [status('1', { favourites_count: 5, reblogs_count: 2, replies_count: 1 })],
      });

      const metrics = await connector.fetchMetrics(account, ['1', '2']);

      expect(fake.received[0].query.getAll('id[]')).toEqual(['1', '2']);
      expect(metrics.get('1')).toMatchObject({ reactions: 5, shares: 2, comments: 1, impressions: null, reach: null });
      expect(metrics.has('2')).toBe(false);
    });

    it('reads one by one where the instance has no batch read (404)', async () => {
      fake
        .on('GET', '/api/v1/statuses', { status: 404, json: { error: 'Record not found' } })
        .on('GET', '/api/v1/statuses/1', { json: status('1', { favourites_count: 3 }) })
        .on('GET', '/api/v1/statuses/2', { status: 404, json: { error: 'Record not found' } });

      const metrics = await connector.fetchMetrics(account, ['1', '2']);

      expect(metrics.get('1')?.reactions).toBe(3);
      expect(metrics.has('2')).toBe(false);
    });

    it('a revoked token is a reauth failure, not missing metrics', async () => {
      fake.on('GET', '/api/v1/statuses', { status: 401, json: { error: 'The access token is invalid' } });
      const error = await connector.fetchMetrics(account, ['1']).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(MetricsUnavailableError);
      expect(await failureOf(Promise.reject(error as Error))).toMatchObject({ kind: 'reauth' });
    });

    it("reads the account's figures from verify_credentials", async () => {
      fake.on('GET', '/api/v1/accounts/verify_credentials', {
        json: { id: '109', followers_count: 40, following_count: 12, statuses_count: 300 },
      });
      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: 40,
        following: 12,
        posts: 300,
        profileViews: null,
      });
    });

    it('lists statuses since a date, newest first, without boosts', async () => {
      fake.on('GET', '/api/v1/accounts/109/statuses', {
        json: [
          status('3', { created_at: '2026-12-03T10:00:00Z', content: '<p>Third<br />line</p>' }),
          status('2', { created_at: '2026-12-02T10:00:00Z', reblog: { id: 'x' } }),
          status('1', { created_at: '2026-11-01T10:00:00Z' }),
        ],
      });

      const posts = await connector.listPosts(account, new Date('2026-12-01T00:00:00Z'));

      expect(posts).toEqual([
        {
          externalId: '3',
          url: 'https://social.example/@ada/3',
          text: 'Third\nline',
          publishedAt: new Date('2026-12-03T10:00:00Z'),
          postType: 'status',
          mediaKind: null,
        },
      ]);
    });

    it('looks up a public account by handle with its recent statuses', async () => {
      fake
        .on('GET', '/api/v1/accounts/lookup', {
          json: {
            id: '77',
            acct: 'bob@other.example',
            display_name: 'Bob',
            followers_count: 9,
            following_count: 1,
            statuses_count: 4,
          },
        })
        .on('GET', '/api/v1/accounts/77/statuses', { json: [status('70', { favourites_count: 2 })] });

      const found = await connector.lookupPublicAccount(account, '@bob@other.example');

      expect(fake.to('GET', '/api/v1/accounts/lookup')[0].query.get('acct')).toBe('bob@other.example');
      expect(found).toMatchObject({ externalId: '77', handle: 'bob@other.example', name: 'Bob', followers: 9 });
      expect(found.recentPosts[0]).toMatchObject({ externalId: '70', metrics: { reactions: 2 } });
    });

    it('an unknown handle is PublicAccountNotFound (a bad request)', async () => {
      fake.on('GET', '/api/v1/accounts/lookup', { status: 404, json: { error: 'Record not found' } });
      expect(await failureOf(connector.lookupPublicAccount(account, 'nobody'))).toMatchObject({ kind: 'bad-request' });
    });
  });
});
