import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MetricsUnavailableError } from '../connector';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeGraphServer, graphError, graphInsights } from '../../testing/fake-graph-server';
import { FacebookConnector } from './facebook.connector';

const PAGE = { externalAccountId: '1001', accessToken: 'page-token' };
const now = new Date('2026-11-25T10:00:00Z');

/** A Page post as `GET /?ids=…&fields=shares,comments…,reactions…,insights.metric(…)` answers it. */
const post = (id: string, views: number, options: { shares?: number } = {}) => ({
  id,
  ...(options.shares === undefined ? {} : { shares: { count: options.shares } }),
  comments: { data: [], summary: { order: 'ranked', total_count: 4, can_comment: true } },
  reactions: { data: [], summary: { total_count: 25, viewer_reaction: 'NONE' } },
  insights: graphInsights(id, {
    post_media_view: views,
    post_total_media_view_unique: Math.round(views * 0.64),
    post_clicks_by_type: { 'link clicks': 12, 'other clicks': 30, 'photo view': 7 },
    post_reactions_by_type_total: { like: 20, love: 3, haha: 1, sorry: 1 },
  }),
});

describe('Facebook Page insights', () => {
  let fake: FakeGraphServer;
  let connector: FacebookConnector;

  beforeAll(async () => {
    fake = await FakeGraphServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    const endpoints = { apiBaseUrl: fake.apiBaseUrl, authBaseUrl: '', clientId: 'app', clientSecret: 'secret' };
    connector = new FacebookConnector(endpoints, { now: () => now });
  });

  it('reads several posts in one call, with link clicks and reactions by kind', async () => {
    fake.on('GET', '/', { body: { '1001_77': post('1001_77', 500, { shares: 3 }), '1001_78': post('1001_78', 100) } });
    const metrics = await connector.fetchMetrics(PAGE, ['1001_77', '1001_78']);
    expect(metrics.get('1001_77')).toEqual({
      impressions: 500,
      reach: 320,
      clicks: 12,
      reactions: 25,
      reactionsByType: { like: 20, love: 3, haha: 1, sad: 1 },
      comments: 4,
      shares: 3,
      saves: null,
      videoViews: null,
    });
    expect(metrics.get('1001_78')).toMatchObject({ impressions: 100, shares: 0 });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0].params.ids).toBe('1001_77,1001_78');
    expect(fake.calls[0].params.fields).toContain(
      'insights.metric(post_media_view,post_total_media_view_unique,post_clicks_by_type,post_reactions_by_type_total)',
    );
    expect(connector.metricsBatchSize).toBe(50);
  });

  it('leaves out a post the Page deleted and still reads the others', async () => {
    fake.on('GET', '/', graphError(803, '(#803) Some of the aliases you requested do not exist: 1001_79'));
    fake.on('GET', '/1001_77', { body: post('1001_77', 500) });
    fake.on(
      'GET',
      '/1001_79',
      graphError(100, "Object with ID '1001_79' does not exist, cannot be loaded due to missing permissions", 400, 33),
    );
    const metrics = await connector.fetchMetrics(PAGE, ['1001_77', '1001_79']);
    expect([...metrics.keys()]).toEqual(['1001_77']);
  });

  it('says to reconnect granting read_insights when the token lacks it', async () => {
    fake.on('GET', '/', graphError(10, '(#10) Application does not have permission for this action', 403));
    const error: unknown = await connector.fetchMetrics(PAGE, ['1001_77']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsUnavailableError);
    expect((error as MetricsUnavailableError).reason).toMatch(/reconnect the Page granting read_insights/);
  });

  it('treats a permission in the 200 range the same way', async () => {
    fake.on('GET', '/', graphError(200, '(#200) Requires pages_read_engagement permission', 403));
    await expect(connector.fetchMetrics(PAGE, ['1001_77'])).rejects.toBeInstanceOf(MetricsUnavailableError);
  });

  it('hands a rate limit with Retry-After to the retry policy', async () => {
    fake.on('GET', '/', {
      status: 400,
      headers: { 'retry-after': '120' },
      body: { error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4 } },
    });
    expect(await failureOf(connector.fetchMetrics(PAGE, ['1001_77']))).toMatchObject({
      kind: 'retry',
      afterMs: 120_000,
    });
  });

  it('keeps an expired token a reconnect failure, not "metrics unavailable"', async () => {
    fake.on('GET', '/', graphError(190, 'Error validating access token: Session has expired', 401, 463));
    expect(await failureOf(connector.fetchMetrics(PAGE, ['1001_77']))).toMatchObject({ kind: 'reauth' });
  });

  it('reads the Page followers', async () => {
    fake.on('GET', '/1001', { body: { id: '1001', followers_count: 5120, fan_count: 4980 } });
    expect(await connector.fetchAccountStats(PAGE)).toEqual({
      followers: 5120,
      following: null,
      posts: null,
      profileViews: null,
    });
    expect(fake.calls[0].params.fields).toBe('followers_count,fan_count');
  });

  it('lists the Page posts since a moment, page after page, with their kind', async () => {
    const since = new Date('2026-11-01T00:00:00Z');
    fake.on(
      'GET',
      '/1001/published_posts',
      {
        body: {
          data: [
            {
              id: '1001_90',
              message: 'New #autumn menu',
              created_time: '2026-11-20T09:30:00+0000',
              permalink_url: 'https://www.facebook.com/1001/posts/90',
              attachments: { data: [{ media_type: 'photo' }] },
            },
            { id: '1001_89', message: 'Open late today', created_time: '2026-11-10T18:00:00+0000' },
          ],
          paging: { cursors: { before: 'b1', after: 'a1' }, next: 'https://graph.facebook.com/next' },
        },
      },
      {
        body: {
          data: [
            {
              id: '1001_88',
              created_time: '2026-11-02T12:00:00+0000',
              attachments: { data: [{ media_type: 'video' }] },
            },
          ],
          paging: { cursors: { before: 'b2', after: 'a2' } },
        },
      },
    );
    const posts = await connector.listPosts(PAGE, since);
    expect(posts.map((p) => [p.externalId, p.postType, p.mediaKind])).toEqual([
      ['1001_90', 'photo', 'image'],
      ['1001_89', 'status', null],
      ['1001_88', 'video', 'video'],
    ]);
    expect(posts[0]).toMatchObject({
      text: 'New #autumn menu',
      url: 'https://www.facebook.com/1001/posts/90',
      publishedAt: new Date('2026-11-20T09:30:00Z'),
    });
    const calls = fake.callsTo('GET', '/1001/published_posts');
    expect(calls.map((c) => [c.params.since, c.params.after])).toEqual([
      [String(since.getTime() / 1000), undefined],
      [String(since.getTime() / 1000), 'a1'],
    ]);
  });
});
