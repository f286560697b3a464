import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MetricsUnavailableError, PublicAccountNotFoundError } from '../connector';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeGraphServer, graphError, graphInsights, ReceivedCall } from '../../testing/fake-graph-server';
import { InstagramConnector } from './instagram.connector';

const IG_USER = { externalAccountId: '17841400000000001', accessToken: 'page-token' };
const now = new Date('2026-11-25T10:00:00Z');

/** Media fields as `GET /?ids=…&fields=id,media_type,media_product_type,like_count,comments_count` answers them. */
const MEDIA = {
  'photo-1': { id: 'photo-1', media_type: 'IMAGE', media_product_type: 'FEED', like_count: 40, comments_count: 6 },
  'reel-1': { id: 'reel-1', media_type: 'VIDEO', media_product_type: 'REELS', like_count: 90, comments_count: 11 },
  'story-1': { id: 'story-1', media_type: 'IMAGE', media_product_type: 'STORY', like_count: 0, comments_count: 0 },
};

/** Answers the media read and the insights reads of one `GET /?ids=…`, by the fields asked for. */
function graphRoot(insights: Record<string, Record<string, number>>) {
  return (call: ReceivedCall) => {
    const ids = call.params.ids.split(',');
    const pick = (make: (id: string) => unknown) => ({ body: Object.fromEntries(ids.map((id) => [id, make(id)])) });
    if (!call.params.fields.startsWith('insights')) return pick((id) => MEDIA[id as keyof typeof MEDIA]);
    return pick((id) => ({ id, insights: graphInsights(id, insights[id]) }));
  };
}

describe('Instagram media insights', () => {
  let fake: FakeGraphServer;
  let connector: InstagramConnector;

  beforeAll(async () => {
    fake = await FakeGraphServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    const endpoints = { apiBaseUrl: fake.apiBaseUrl, authBaseUrl: '', clientId: 'app', clientSecret: 'secret' };
    connector = new InstagramConnector(endpoints, { now: () => now });
  });

  it('reads views, reach, saves, shares with likes and comments, asking stories only what they have', async () => {
    fake.on(
      'GET',
      '/',
      graphRoot({
        'photo-1': { reach: 700, saved: 15, shares: 2, views: 900 },
        'reel-1': { reach: 2400, saved: 30, shares: 19, views: 5200 },
        'story-1': { reach: 120, shares: 1, views: 150 },
      }),
    );
    const metrics = await connector.fetchMetrics(IG_USER, ['photo-1', 'reel-1', 'story-1']);
    expect(metrics.get('photo-1')).toEqual({
      impressions: 900,
      reach: 700,
      clicks: null,
      reactions: 40,
      reactionsByType: null,
      comments: 6,
      shares: 2,
      saves: 15,
      videoViews: null,
    });
    expect(metrics.get('reel-1')).toMatchObject({ impressions: 5200, videoViews: 5200, saves: 30 });
    expect(metrics.get('story-1')).toMatchObject({ reach: 120, saves: null, videoViews: null });
    const insightCalls = fake.calls.filter((c) => c.params.fields.startsWith('insights'));
    expect(insightCalls.map((c) => [c.params.ids, c.params.fields])).toEqual([
      ['photo-1,reel-1', 'insights.metric(reach,saved,shares,views)'],
      ['story-1', 'insights.metric(reach,shares,views)'],
    ]);
  });

  it('keeps likes and comments of a story too few people saw, without its insights', async () => {
    fake.on('GET', '/', (call) =>
      call.params.fields.startsWith('insights')
        ? graphError(10, '(#10) Not enough viewers for the media to show insights', 400)
        : { body: { 'story-1': MEDIA['story-1'] } },
    );
    fake.on('GET', '/story-1', graphError(10, '(#10) Not enough viewers for the media to show insights', 400));
    const metrics = await connector.fetchMetrics(IG_USER, ['story-1']);
    expect(metrics.get('story-1')).toMatchObject({ reach: null, impressions: null, reactions: 0 });
  });

  it('says to reconnect granting instagram_manage_insights when insights are refused', async () => {
    fake.on('GET', '/', (call) =>
      call.params.fields.startsWith('insights')
        ? graphError(10, '(#10) Application does not have permission for this action', 403)
        : { body: { 'photo-1': MEDIA['photo-1'] } },
    );
    const error: unknown = await connector.fetchMetrics(IG_USER, ['photo-1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsUnavailableError);
    expect((error as MetricsUnavailableError).reason).toMatch(/instagram_manage_insights/);
  });

  it('hands a rate limit with Retry-After to the retry policy', async () => {
    fake.on('GET', '/', {
      status: 400,
      headers: { 'retry-after': '300' },
      body: { error: { message: '(#4) Application request limit reached', code: 4 } },
    });
    expect(await failureOf(connector.fetchMetrics(IG_USER, ['photo-1']))).toMatchObject({
      kind: 'retry',
      afterMs: 300_000,
    });
  });

  it('reads followers, following, media count and yesterday’s profile views', async () => {
    fake.on('GET', `/${IG_USER.externalAccountId}`, {
      body: { followers_count: 12800, follows_count: 310, media_count: 402, id: IG_USER.externalAccountId },
    });
    fake.on('GET', `/${IG_USER.externalAccountId}/insights`, {
      body: { data: [{ name: 'profile_views', period: 'day', total_value: { value: 87 }, id: 'x' }] },
    });
    expect(await connector.fetchAccountStats(IG_USER)).toEqual({
      followers: 12800,
      following: 310,
      posts: 402,
      profileViews: 87,
    });
  });

  it('keeps the account figures when profile views are refused', async () => {
    fake.on('GET', `/${IG_USER.externalAccountId}`, { body: { followers_count: 12800, follows_count: 310 } });
    fake.on(
      'GET',
      `/${IG_USER.externalAccountId}/insights`,
      graphError(10, '(#10) Application does not have permission'),
    );
    expect(await connector.fetchAccountStats(IG_USER)).toMatchObject({ followers: 12800, profileViews: null });
  });

  it('lists media since a moment with their kind, stopping at older ones', async () => {
    fake.on('GET', `/${IG_USER.externalAccountId}/media`, {
      body: {
        data: [
          {
            id: 'reel-2',
            caption: 'Behind the counter #bakery',
            media_type: 'VIDEO',
            media_product_type: 'REELS',
            permalink: 'https://www.instagram.com/reel/XYZ/',
            timestamp: '2026-11-20T08:00:00+0000',
          },
          {
            id: 'album-1',
            media_type: 'CAROUSEL_ALBUM',
            media_product_type: 'FEED',
            timestamp: '2026-11-12T08:00:00+0000',
          },
          { id: 'old-1', media_type: 'IMAGE', media_product_type: 'FEED', timestamp: '2026-10-01T08:00:00+0000' },
        ],
        paging: { cursors: { after: 'next' }, next: 'https://graph.facebook.com/next' },
      },
    });
    const posts = await connector.listPosts(IG_USER, new Date('2026-11-01T00:00:00Z'));
    expect(posts.map((p) => [p.externalId, p.postType, p.mediaKind, p.text])).toEqual([
      ['reel-2', 'reel', 'video', 'Behind the counter #bakery'],
      ['album-1', 'carousel', 'image', ''],
    ]);
    expect(fake.callsTo('GET', `/${IG_USER.externalAccountId}/media`)).toHaveLength(1);
  });

  it('looks a competitor up through business discovery', async () => {
    fake.on('GET', `/${IG_USER.externalAccountId}`, {
      body: {
        business_discovery: {
          id: '17841400000000099',
          username: 'rival_bakery',
          name: 'Rival Bakery',
          followers_count: 25400,
          follows_count: 120,
          media_count: 880,
          media: {
            data: [
              {
                id: 'r1',
                timestamp: '2026-11-24T09:00:00+0000',
                media_type: 'IMAGE',
                media_product_type: 'FEED',
                like_count: 310,
                comments_count: 12,
              },
            ],
          },
        },
        id: IG_USER.externalAccountId,
      },
    });
    const rival = await connector.lookupPublicAccount(IG_USER, '@rival_bakery');
    expect(rival).toMatchObject({
      externalId: '17841400000000099',
      handle: 'rival_bakery',
      followers: 25400,
      posts: 880,
    });
    expect(rival.recentPosts).toEqual([
      {
        externalId: 'r1',
        publishedAt: new Date('2026-11-24T09:00:00Z'),
        postType: 'photo',
        metrics: expect.objectContaining({ reactions: 310, comments: 12, reach: null, impressions: null }),
      },
    ]);
    expect(fake.calls[0].params.fields).toMatch(/^business_discovery\.username\(rival_bakery\)\{id,username,name,/);
  });

  it('says when a handle is no business account, and refuses a handle that is not a username', async () => {
    fake.on('GET', `/${IG_USER.externalAccountId}`, graphError(110, 'Invalid user id', 400, 2207013));
    await expect(connector.lookupPublicAccount(IG_USER, 'someone')).rejects.toBeInstanceOf(PublicAccountNotFoundError);
    await expect(connector.lookupPublicAccount(IG_USER, 'a){id}')).rejects.toBeInstanceOf(PublicAccountNotFoundError);
    expect(fake.calls).toHaveLength(1);
  });
});
