import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetricsUnavailableError } from '../connector';
import { FakeNetwork } from '../../testing/fake-network';
import { migratedDatabase } from '../../testing/test-database';
import { YouTubeConnector } from './youtube.connector';

const account = { externalAccountId: 'UC1', accessToken: 'ya29.a' };
const forbidden = (reason: string) => ({
  status: 403,
  json: { error: { code: 403, message: reason, errors: [{ reason, message: reason }] } },
});

describe('YouTube metrics', () => {
  const db = migratedDatabase('sqlite');
  let fake: FakeNetwork;
  let connector: YouTubeConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
  });
  const connect = () => {
    connector = new YouTubeConnector(
      { clientId: 'c', clientSecret: 's', apiBaseUrl: fake.url, authBaseUrl: fake.url },
      db.dataSource,
    );
  };
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const statistics = {
    json: {
      items: [
        { id: 'v1', statistics: { viewCount: '1500', likeCount: '120', commentCount: '9' } },
        { id: 'v2', statistics: { viewCount: '40', commentCount: '0' } },
      ],
    },
  };

  it('reads views, likes and comments in one call, impressions and shares from YouTube Analytics', async () => {
    connect();
    fake.on('GET', '/youtube/v3/videos', statistics).on('GET', '/v2/reports', {
      json: { rows: [['v1', 5300, 14]], columnHeaders: [] },
    });

    const metrics = await connector.fetchMetrics(account, ['v1', 'v2', 'gone']);

    expect(metrics.get('v1')).toMatchObject({
      videoViews: 1500,
      reactions: 120,
      comments: 9,
      impressions: 5300,
      shares: 14,
      reach: null,
    });
    // Likes hidden by the channel: not 0 but unknown.
    expect(metrics.get('v2')).toMatchObject({ videoViews: 40, reactions: null, comments: 0, impressions: null });
    expect(metrics.has('gone')).toBe(false);
    const [list] = fake.to('GET', '/youtube/v3/videos');
    expect(list.query.get('part')).toBe('statistics');
    expect(list.query.getAll('id').join(',')).toBe('v1,v2,gone');
    const [report] = fake.to('GET', '/v2/reports');
    expect(report.query.get('ids')).toBe('channel==MINE');
    expect(report.query.get('filters')).toBe('video==v1,v2,gone');
  });

  it('leaves impressions null when the token may not read Analytics, and says metrics are unavailable without youtube.readonly', async () => {
    connect();
    fake.on('GET', '/youtube/v3/videos', statistics).on('GET', '/v2/reports', forbidden('insufficientPermissions'));
    expect((await connector.fetchMetrics(account, ['v1'])).get('v1')).toMatchObject({
      videoViews: 1500,
      impressions: null,
    });

    fake.on('GET', '/youtube/v3/videos', forbidden('insufficientPermissions'));
    await expect(connector.fetchMetrics(account, ['v1'])).rejects.toBeInstanceOf(MetricsUnavailableError);
  });

  it("reads the channel's subscribers and videos, null when subscribers are hidden", async () => {
    connect();
    fake.on(
      'GET',
      '/youtube/v3/channels',
      {
        json: {
          items: [
            {
              id: 'UC1',
              statistics: {
                subscriberCount: '2400',
                videoCount: '87',
                viewCount: '99000',
                hiddenSubscriberCount: false,
              },
            },
          ],
        },
      },
      {
        json: {
          items: [{ id: 'UC1', statistics: { subscriberCount: '0', videoCount: '3', hiddenSubscriberCount: true } }],
        },
      },
    );

    expect(await connector.fetchAccountStats(account)).toEqual({
      followers: 2400,
      following: null,
      posts: 87,
      profileViews: null,
    });
    expect((await connector.fetchAccountStats(account)).followers).toBeNull();
  });

  it('lists uploads from the uploads playlist back to a date', async () => {
    connect();
    const recent = new Date(Date.now() - 3600_000).toISOString();
    const old = new Date(Date.now() - 30 * 86400_000).toISOString();
    fake
      .on('GET', '/youtube/v3/channels', {
        json: { items: [{ id: 'UC1', contentDetails: { relatedPlaylists: { uploads: 'UU1' } } }] },
      })
      .on('GET', '/youtube/v3/playlistItems', {
        json: {
          items: [
            {
              snippet: { title: 'New tour', publishedAt: recent },
              contentDetails: { videoId: 'v9', videoPublishedAt: recent },
            },
            {
              snippet: { title: 'Old tour', publishedAt: old },
              contentDetails: { videoId: 'v1', videoPublishedAt: old },
            },
          ],
          nextPageToken: 'more',
        },
      });

    const posts = await connector.listPosts(account, new Date(Date.now() - 7 * 86400_000));

    expect(posts).toEqual([
      {
        externalId: 'v9',
        url: 'https://www.youtube.com/watch?v=v9',
        text: 'New tour',
        publishedAt: new Date(recent),
        postType: 'video',
        mediaKind: 'video',
      },
    ]);
    expect(fake.to('GET', '/youtube/v3/playlistItems')).toHaveLength(1);
  });
});
