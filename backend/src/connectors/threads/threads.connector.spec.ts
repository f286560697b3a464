import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LookupUnavailableError, MetricsUnavailableError, PublishRequest } from '../connector';
import { failureOf, publishRequest, urlMedia } from '../../testing/connector-fixtures';
import { FakeGraphServer, graphError, graphInsights } from '../../testing/fake-graph-server';
import { ThreadsConnector } from './threads.connector';

const account = { externalAccountId: '1789', accessToken: 'threads-token' };
const NOW = new Date('2026-12-03T12:00:00Z');
const postRequest = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest({ idempotencyKey: 'v1:0', text: 'Hello Threads' }, overrides);

const quota = (used: number) => ({
  body: { data: [{ quota_usage: used, config: { quota_total: 250, quota_duration: 86400 } }] },
});

describe('ThreadsConnector', () => {
  let graph: FakeGraphServer;
  let connector: ThreadsConnector;

  beforeAll(async () => {
    graph = await FakeGraphServer.start('v1.0');
    connector = new ThreadsConnector(
      { apiBaseUrl: graph.origin, authBaseUrl: 'https://threads.test', clientId: 'app', clientSecret: 'secret' },
      { polling: { intervalMs: 0, maxChecks: 3 }, now: () => NOW },
    );
  });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  const readyToPublish = () =>
    graph
      .on('GET', '/1789/threads_publishing_limit', quota(3))
      .on('GET', '/c1', { body: { id: 'c1', status: 'FINISHED' } })
      .on('POST', '/1789/threads_publish', { body: { id: 't1' } })
      .on('GET', '/t1', { body: { id: 't1', permalink: 'https://www.threads.net/@ada/post/abc' } });

  describe('publish', () => {
    it('checks the quota, creates a text container with its link attachment and reply control, then publishes it', async () => {
      readyToPublish().on('POST', '/1789/threads', { body: { id: 'c1' } });

      const post = await connector.publish(
        account,
        postRequest({
          postType: 'link',
          link: 'https://example.com/a',
          options: { replyControl: 'accounts_you_follow' },
        }),
      );

      expect(post).toEqual({ externalId: 't1', url: 'https://www.threads.net/@ada/post/abc' });
      const [container] = graph.callsTo('POST', '/1789/threads');
      expect(container.headers.authorization).toBe('OAuth threads-token');
      expect(container.params).toEqual({
        media_type: 'TEXT',
        text: 'Hello Threads',
        reply_control: 'accounts_you_follow',
        link_attachment: 'https://example.com/a',
      });
      expect(graph.callsTo('POST', '/1789/threads_publish')[0].params).toEqual({ creation_id: 'c1' });
      expect(graph.calls.map((c) => `${c.method} ${c.path}`).slice(0, 2)).toEqual([
        'GET /1789/threads_publishing_limit',
        'POST /1789/threads',
      ]);
    });

    it('waits for a video container to finish processing before publishing it', async () => {
      readyToPublish()
        .on('POST', '/1789/threads', { body: { id: 'c1' } })
        .on('GET', '/c1', { body: { status: 'IN_PROGRESS' } }, { body: { status: 'FINISHED' } });

      await connector.publish(account, postRequest({ postType: 'video', media: [urlMedia('v', 'video')] }));

      expect(graph.callsTo('POST', '/1789/threads')[0].params).toMatchObject({
        media_type: 'VIDEO',
        video_url: 'https://media.example/v',
        text: 'Hello Threads',
      });
      expect(graph.callsTo('GET', '/c1')).toHaveLength(2);
    });

    it('a container in ERROR is a bad request and nothing is published', async () => {
      readyToPublish()
        .on('POST', '/1789/threads', { body: { id: 'c1' } })
        .on('GET', '/c1', { body: { status: 'ERROR', error_message: 'The image is too large' } });

      const failure = await failureOf(
        connector.publish(account, postRequest({ postType: 'photo', media: [urlMedia('i')] })),
      );

      expect(failure).toEqual({
        kind: 'bad-request',
        reason: 'Threads could not process the media: The image is too large',
      });
      expect(graph.callsTo('POST', '/1789/threads_publish')).toHaveLength(0);
    });

    it('builds a carousel from item containers, then the carousel container', async () => {
      readyToPublish()
        .on('POST', '/1789/threads', { body: { id: 'i1' } }, { body: { id: 'i2' } }, { body: { id: 'c1' } })
        .on('GET', '/i1', { body: { status: 'FINISHED' } })
        .on('GET', '/i2', { body: { status: 'FINISHED' } });

      await connector.publish(
        account,
        postRequest({ postType: 'carousel', media: [urlMedia('a'), urlMedia('b', 'video')] }),
      );

      const containers = graph.callsTo('POST', '/1789/threads').map((c) => c.params);
      expect(containers[0]).toEqual({
        media_type: 'IMAGE',
        image_url: 'https://media.example/a',
        is_carousel_item: 'true',
      });
      expect(containers[1]).toEqual({
        media_type: 'VIDEO',
        video_url: 'https://media.example/b',
        is_carousel_item: 'true',
      });
      expect(containers[2]).toEqual({ media_type: 'CAROUSEL', children: 'i1,i2', text: 'Hello Threads' });
    });

    it('a full quota becomes a retry when the oldest thread of the window leaves it, and creates nothing', async () => {
      graph.on('GET', '/1789/threads_publishing_limit', quota(250)).on('GET', '/1789/threads', {
        body: {
          data: [
            { id: 'n', text: 'new', timestamp: '2026-12-03T11:00:00+0000' },
            { id: 'o', text: 'old', timestamp: '2026-12-02T14:00:00+0000' },
          ],
        },
      });

      const failure = await failureOf(connector.publish(account, postRequest()));

      expect(failure).toMatchObject({ kind: 'retry', afterMs: 2 * 60 * 60_000 });
      expect(failure.reason).toContain('250 posts in 24 hours');
      expect(graph.callsTo('POST', '/1789/threads')).toHaveLength(0);
    });

    it('the link goes at the end of a photo caption (only text posts take a link attachment)', async () => {
      readyToPublish().on('POST', '/1789/threads', { body: { id: 'c1' } });

      await connector.publish(
        account,
        postRequest({ postType: 'photo', link: 'https://l.example', media: [urlMedia('i')] }),
      );

      expect(graph.callsTo('POST', '/1789/threads')[0].params).toEqual({
        media_type: 'IMAGE',
        image_url: 'https://media.example/i',
        text: 'Hello Threads\n\nhttps://l.example',
      });
    });

    it('a published thread whose permalink cannot be read is still published', async () => {
      readyToPublish()
        .on('POST', '/1789/threads', { body: { id: 'c1' } })
        .on('GET', '/t1', { status: 500, body: 'oops' });

      expect(await connector.publish(account, postRequest())).toEqual({ externalId: 't1', url: null });
    });

    it('refuses an unknown reply control before calling Threads', async () => {
      graph.on('GET', '/1789/threads_publishing_limit', quota(0));
      const failure = await failureOf(connector.publish(account, postRequest({ options: { replyControl: 'nobody' } })));
      expect(failure.kind).toBe('bad-request');
      expect(failure.reason).toContain('options.replyControl');
      expect(graph.callsTo('POST', '/1789/threads')).toHaveLength(0);
    });
  });

  describe('failures, classified from Graph error codes', () => {
    const refusedWith = (answer: Parameters<FakeGraphServer['on']>[2]) => {
      graph.on('GET', '/1789/threads_publishing_limit', answer);
      return failureOf(connector.publish(account, postRequest()));
    };

    it('an expired token (190) → reconnect', async () => {
      expect((await refusedWith(graphError(190, 'Error validating access token: Session has expired'))).kind).toBe(
        'reauth',
      );
    });

    it('a missing permission (10) → reconnect', async () => {
      expect((await refusedWith(graphError(10, 'Application does not have permission for this action'))).kind).toBe(
        'reauth',
      );
    });

    it('429 with Retry-After → retry after it', async () => {
      expect(await refusedWith({ status: 429, headers: { 'retry-after': '120' }, body: {} })).toMatchObject({
        kind: 'retry',
        afterMs: 120_000,
      });
    });

    it('throttling (code 4) → retry', async () => {
      expect((await refusedWith(graphError(4, 'Application request limit reached'))).kind).toBe('retry');
    });

    it('5xx and malformed bodies → retry', async () => {
      expect((await refusedWith({ status: 503, body: 'unavailable' })).kind).toBe('retry');
      expect((await refusedWith({ status: 200, body: '<html>' })).kind).toBe('retry');
      expect((await refusedWith({ status: 200, body: { data: [{}] } })).kind).toBe('retry');
    });
  });

  describe('findPublished', () => {
    it('matches a recent thread with exactly this text from the last day', async () => {
      graph.on('GET', '/1789/threads', {
        body: {
          data: [
            { id: 'a', text: 'Hello Threads', timestamp: '2026-12-01T10:00:00+0000', permalink: 'old' },
            { id: 'b', text: 'Hello Threads', timestamp: '2026-12-03T11:58:00+0000', permalink: 'https://t/b' },
            { id: 'c', text: 'Other', timestamp: '2026-12-03T11:59:00+0000' },
          ],
        },
      });

      expect(await connector.findPublished(account, postRequest())).toEqual({ externalId: 'b', url: 'https://t/b' });
    });

    it('answers null when nothing matches; a post without text cannot be recognised', async () => {
      graph.on('GET', '/1789/threads', { body: { data: [] } });
      expect(await connector.findPublished(account, postRequest())).toBeNull();
      await expect(connector.findPublished(account, postRequest({ text: '' }))).rejects.toBeInstanceOf(
        LookupUnavailableError,
      );
    });
  });

  it('deletes a thread; one already gone counts as deleted', async () => {
    graph.on('DELETE', '/t1', { body: { success: true } });
    await connector.delete(account, 't1');
    await connector.delete(account, 'gone');
    expect(graph.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /t1', 'DELETE /gone']);
  });

  describe('metrics', () => {
    it('reads views, likes, replies and reposts+quotes+shares per thread', async () => {
      graph.on('GET', '/t1/insights', {
        body: graphInsights('t1', { views: 900, likes: 40, replies: 5, reposts: 3, quotes: 2, shares: 1 }),
      });

      const metrics = await connector.fetchMetrics(account, ['t1', 'gone']);

      expect(graph.callsTo('GET', '/t1/insights')[0].params.metric).toBe('views,likes,replies,reposts,quotes,shares');
      expect(metrics.get('t1')).toMatchObject({
        impressions: 900,
        reactions: 40,
        comments: 5,
        shares: 6,
        reach: null,
        saves: null,
      });
      expect(metrics.has('gone')).toBe(false);
    });

    it('a missing insights permission is MetricsUnavailable, saying what to do', async () => {
      graph.on('GET', '/t1/insights', graphError(10, 'Application does not have permission for this action', 403));
      const error = await connector.fetchMetrics(account, ['t1']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MetricsUnavailableError);
      expect((error as MetricsUnavailableError).reason).toContain('threads_manage_insights');
    });

    it("reads the account's followers from its insights", async () => {
      graph.on('GET', '/1789/threads_insights', {
        body: { data: [{ name: 'followers_count', period: 'day', total_value: { value: 321 } }] },
      });
      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: 321,
        following: null,
        posts: null,
        profileViews: null,
      });
    });

    it('lists threads since a date with their kind', async () => {
      graph.on('GET', '/1789/threads', {
        body: {
          data: [
            { id: 'x', text: 'pic', timestamp: '2026-12-03T10:00:00+0000', media_type: 'IMAGE', permalink: 'p' },
            { id: 'y', text: 'words', timestamp: '2026-12-02T10:00:00+0000', media_type: 'TEXT_POST' },
          ],
        },
      });

      const posts = await connector.listPosts(account, new Date('2026-12-02T12:00:00Z'));

      expect(posts).toEqual([
        {
          externalId: 'x',
          url: 'p',
          text: 'pic',
          publishedAt: new Date('2026-12-03T10:00:00Z'),
          postType: 'photo',
          mediaKind: 'image',
        },
      ]);
      expect(graph.callsTo('GET', '/1789/threads')[0].params.since).toBe(
        String(Date.parse('2026-12-02T12:00:00Z') / 1000),
      );
    });
  });
});
