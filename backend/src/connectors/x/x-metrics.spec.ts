import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetricsUnavailableError, PublicAccountNotFoundError } from '../connector';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeNetwork, ReceivedRequest } from '../../testing/fake-network';
import { xPostCreatedAt } from './x-metrics';
import { XConnector } from './x.connector';

const account = { externalAccountId: '2244994945', accessToken: 'user-token' };
const now = new Date('2026-11-25T10:00:00Z');

/** A post id (snowflake) X would have given a post created at `iso`. */
const idAt = (iso: string) => String(((BigInt(Date.parse(iso)) - 1288834974657n) << 22n) + 7n);
const YOUNG = idAt('2026-11-20T09:00:00Z');
const YOUNG_VIDEO = idAt('2026-11-21T09:00:00Z');
const OLD = idAt('2026-08-01T09:00:00Z');

/** A post as GET /2/tweets answers it with public (and, when asked, non-public) metrics. */
const tweet = (id: string, request: ReceivedRequest, mediaKey?: string) => ({
  id,
  text: 'Hello X',
  edit_history_tweet_ids: [id],
  ...(mediaKey ? { attachments: { media_keys: [mediaKey] } } : {}),
  public_metrics: {
    retweet_count: 3,
    reply_count: 4,
    like_count: 25,
    quote_count: 2,
    bookmark_count: 1,
    impression_count: 900,
  },
  ...(request.query.get('tweet.fields')?.includes('non_public_metrics')
    ? { non_public_metrics: { impression_count: 900, url_link_clicks: 14, user_profile_clicks: 6 } }
    : {}),
});

/** Answers GET /2/tweets?ids=… for the ids asked, leaving out `gone` as X does (under `errors`). */
const tweets =
  (gone: string[] = []) =>
  (request: ReceivedRequest) => {
    const ids = (request.query.get('ids') ?? '').split(',');
    const found = ids.filter((id) => !gone.includes(id));
    return {
      json: {
        data: found.map((id) => tweet(id, request, id === YOUNG_VIDEO ? '7_1' : undefined)),
        includes: { media: [{ media_key: '7_1', type: 'video', public_metrics: { view_count: 480 } }] },
        errors: gone.map((id) => ({
          value: id,
          detail: `Could not find tweet with ids: [${id}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: id,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        })),
      },
    };
  };

const forbidden = {
  status: 403,
  json: {
    title: 'Forbidden',
    type: 'about:blank',
    status: 403,
    detail: 'Sorry, you are not authorized to access non_public_metrics.',
  },
};

describe('X post metrics', () => {
  let fake: FakeNetwork;
  let connector: XConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new XConnector({ apiBaseUrl: fake.url }, {}, () => now);
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('reads the creation time from a post id', () => {
    expect(xPostCreatedAt(YOUNG)).toEqual(new Date('2026-11-20T09:00:00Z'));
  });

  it('reads public and non-public metrics of recent posts in one call, with video views', async () => {
    fake.on('GET', '/2/tweets', tweets());
    const metrics = await connector.fetchMetrics(account, [YOUNG, YOUNG_VIDEO]);
    expect(metrics.get(YOUNG)).toEqual({
      impressions: 900,
      reach: null,
      clicks: 14,
      reactions: 25,
      reactionsByType: null,
      comments: 4,
      shares: 5,
      saves: 1,
      videoViews: null,
    });
    expect(metrics.get(YOUNG_VIDEO)).toMatchObject({ videoViews: 480 });
    const [sent] = fake.received;
    expect(sent.query.get('ids')).toBe(`${YOUNG},${YOUNG_VIDEO}`);
    expect(sent.query.get('tweet.fields')).toBe('public_metrics,non_public_metrics,attachments');
    expect(sent.query.get('media.fields')).toBe('type,public_metrics');
    expect(connector.metricsBatchSize).toBe(100);
  });

  it('asks only public metrics of posts older than 30 days (X refuses the rest)', async () => {
    fake.on('GET', '/2/tweets', tweets());
    const metrics = await connector.fetchMetrics(account, [OLD]);
    expect(metrics.get(OLD)).toMatchObject({ impressions: 900, clicks: null });
    expect(fake.received[0].query.get('tweet.fields')).toBe('public_metrics,attachments');
  });

  it('falls back to public metrics with clicks null when non-public ones are refused', async () => {
    fake.on('GET', '/2/tweets', (request) =>
      request.query.get('tweet.fields')?.includes('non_public') ? forbidden : tweets()(request),
    );
    const metrics = await connector.fetchMetrics(account, [YOUNG]);
    expect(metrics.get(YOUNG)).toMatchObject({ impressions: 900, reactions: 25, clicks: null });
    expect(fake.received).toHaveLength(2);
  });

  it('reads again with public metrics only a post whose non-public fields X refused alone', async () => {
    fake.on('GET', '/2/tweets', (request) => {
      if (!request.query.get('tweet.fields')?.includes('non_public')) return tweets()(request);
      const answer = tweets()(request);
      return {
        json: {
          ...answer.json,
          data: answer.json.data.filter((t) => t.id !== YOUNG),
          errors: [
            {
              value: YOUNG,
              detail: 'Sorry, you are not authorized to access non_public_metrics on this Tweet.',
              title: 'Field Authorization Error',
              resource_type: 'tweet',
              field: 'non_public_metrics',
              resource_id: YOUNG,
              type: 'https://api.twitter.com/2/problems/not-authorized-for-field',
            },
          ],
        },
      };
    });
    const metrics = await connector.fetchMetrics(account, [YOUNG, YOUNG_VIDEO]);
    expect(metrics.get(YOUNG_VIDEO)).toMatchObject({ clicks: 14 });
    expect(metrics.get(YOUNG)).toMatchObject({ clicks: null, reactions: 25 });
    expect(fake.received.map((r) => r.query.get('ids'))).toEqual([`${YOUNG},${YOUNG_VIDEO}`, YOUNG]);
  });

  it('leaves out a post X no longer has', async () => {
    fake.on('GET', '/2/tweets', tweets([YOUNG]));
    const metrics = await connector.fetchMetrics(account, [YOUNG, YOUNG_VIDEO]);
    expect([...metrics.keys()]).toEqual([YOUNG_VIDEO]);
  });

  it('says metrics are unavailable when even public ones are refused', async () => {
    fake.on('GET', '/2/tweets', forbidden);
    const error: unknown = await connector.fetchMetrics(account, [OLD]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsUnavailableError);
    expect((error as MetricsUnavailableError).reason).toMatch(/reconnect the X account granting tweet\.read/);
  });

  it('hands a rate limit to the retry policy with the reset time', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    fake.on('GET', '/2/tweets', {
      status: 429,
      headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' },
      json: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    });
    const failure = await failureOf(connector.fetchMetrics(account, [OLD]));
    expect(failure.kind).toBe('retry');
    expect(failure.kind === 'retry' && failure.afterMs).toBeGreaterThan(590_000);
  });

  it('honours Retry-After when X sends no reset time', async () => {
    fake.on('GET', '/2/tweets', {
      status: 429,
      headers: { 'retry-after': '90' },
      json: { title: 'Too Many Requests' },
    });
    expect(await failureOf(connector.fetchMetrics(account, [OLD]))).toMatchObject({ kind: 'retry', afterMs: 90_000 });
  });

  it('reads followers, following and post count of the account', async () => {
    fake.on('GET', '/2/users/me', {
      json: {
        data: {
          id: '2244994945',
          name: 'X Dev',
          username: 'XDevelopers',
          public_metrics: { followers_count: 583423, following_count: 2048, tweet_count: 14052, listed_count: 1672 },
        },
      },
    });
    expect(await connector.fetchAccountStats(account)).toEqual({
      followers: 583423,
      following: 2048,
      posts: 14052,
      profileViews: null,
    });
    expect(fake.received[0].query.get('user.fields')).toBe('public_metrics');
  });

  it('lists the account’s posts since a moment, page after page, with their kind', async () => {
    const path = `/2/users/${account.externalAccountId}/tweets`;
    fake.on(
      'GET',
      path,
      {
        json: {
          data: [
            {
              id: YOUNG_VIDEO,
              text: 'Watch this',
              created_at: '2026-11-21T09:00:00.000Z',
              attachments: { media_keys: ['7_1'] },
            },
            {
              id: YOUNG,
              text: 'Which one?',
              created_at: '2026-11-20T09:00:00.000Z',
              attachments: { poll_ids: ['p1'] },
            },
          ],
          includes: { media: [{ media_key: '7_1', type: 'video' }] },
          meta: { result_count: 2, newest_id: YOUNG_VIDEO, oldest_id: YOUNG, next_token: 'page2' },
        },
      },
      { json: { data: [{ id: '5', text: 'hi', created_at: '2026-11-19T09:00:00.000Z' }], meta: { result_count: 1 } } },
    );
    const posts = await connector.listPosts(account, new Date('2026-11-01T00:00:00Z'));
    expect(posts.map((p) => [p.postType, p.mediaKind, p.text])).toEqual([
      ['video', 'video', 'Watch this'],
      ['poll', null, 'Which one?'],
      ['status', null, 'hi'],
    ]);
    expect(posts[0].url).toBe(`https://x.com/i/web/status/${YOUNG_VIDEO}`);
    const calls = fake.to('GET', path);
    expect(calls[0].query.get('start_time')).toBe('2026-11-01T00:00:00.000Z');
    expect(calls[0].query.get('exclude')).toBe('retweets,replies');
    expect(calls[1].query.get('pagination_token')).toBe('page2');
  });

  it('looks a competitor up by handle with its latest posts', async () => {
    fake.on('GET', '/2/users/by/username/rivalco', {
      json: {
        data: {
          id: '99',
          name: 'Rival Co',
          username: 'RivalCo',
          public_metrics: { followers_count: 12000, following_count: 300, tweet_count: 5400, listed_count: 12 },
        },
      },
    });
    fake.on('GET', '/2/users/99/tweets', (request) => ({
      json: {
        data: [{ ...tweet(YOUNG, request), created_at: '2026-11-20T09:00:00.000Z' }],
        meta: { result_count: 1 },
      },
    }));
    const rival = await connector.lookupPublicAccount(account, '@rivalco');
    expect(rival).toMatchObject({ externalId: '99', handle: 'RivalCo', name: 'Rival Co', followers: 12000 });
    expect(rival.recentPosts).toEqual([
      {
        externalId: YOUNG,
        publishedAt: new Date('2026-11-20T09:00:00Z'),
        postType: 'status',
        metrics: expect.objectContaining({ reactions: 25, impressions: 900, clicks: null }),
      },
    ]);
  });

  it('says when no account has the handle', async () => {
    fake.on('GET', '/2/users/by/username/nobody_here', {
      json: {
        errors: [
          {
            value: 'nobody_here',
            detail: 'Could not find user with username: [nobody_here].',
            title: 'Not Found Error',
            resource_type: 'user',
            parameter: 'username',
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      },
    });
    await expect(connector.lookupPublicAccount(account, 'nobody_here')).rejects.toBeInstanceOf(
      PublicAccountNotFoundError,
    );
    await expect(connector.lookupPublicAccount(account, 'no/such')).rejects.toBeInstanceOf(PublicAccountNotFoundError);
  });
});
