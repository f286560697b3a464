import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MetricsUnavailableError } from '../connector';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeNetwork } from '../../testing/fake-network';
import { LinkedInConnector } from './linkedin.connector';

const organization = 'urn:li:organization:2414183';
const page = { externalAccountId: organization, accessToken: 'admin-token' };
const member = { externalAccountId: 'urn:li:person:8675309', accessToken: 'member-token' };
const share = 'urn:li:share:6844785523593134080';
const ugcPost = 'urn:li:ugcPost:6844785523593134081';

/** One element of organizationalEntityShareStatistics, as LinkedIn answers it. */
const statistics = (key: 'share' | 'ugcPost', urn: string, impressions: number) => ({
  [key]: urn,
  organizationalEntity: organization,
  totalShareStatistics: {
    uniqueImpressionsCount: Math.round(impressions * 0.7),
    shareCount: 3,
    engagement: 0.0412,
    clickCount: 21,
    likeCount: 40,
    impressionCount: impressions,
    commentCount: 5,
  },
});

const forbidden = {
  status: 403,
  json: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access' },
};

describe('LinkedIn post metrics', () => {
  let fake: FakeNetwork;
  let connector: LinkedInConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new LinkedInConnector({ apiBaseUrl: fake.url });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('reads an organization’s share statistics for shares and ugcPosts in one call', async () => {
    fake.on('GET', '/rest/organizationalEntityShareStatistics', {
      json: {
        paging: { count: 10, start: 0, links: [] },
        elements: [statistics('share', share, 1500), statistics('ugcPost', ugcPost, 800)],
      },
    });
    const metrics = await connector.fetchMetrics(page, [share, ugcPost]);
    expect(metrics.get(share)).toEqual({
      impressions: 1500,
      reach: 1050,
      clicks: 21,
      reactions: 40,
      reactionsByType: null,
      comments: 5,
      shares: 3,
      saves: null,
      videoViews: null,
    });
    expect(metrics.get(ugcPost)).toMatchObject({ impressions: 800 });
    const [sent] = fake.received;
    expect(sent.query.get('q')).toBe('organizationalEntity');
    expect(sent.query.get('organizationalEntity')).toBe(organization);
    expect(sent.query.get('shares')).toBe(`List(${share})`);
    expect(sent.query.get('ugcPosts')).toBe(`List(${ugcPost})`);
    expect(sent.headers['x-restli-protocol-version']).toBe('2.0.0');
  });

  it('says to reconnect as an administrator when statistics are refused', async () => {
    fake.on('GET', '/rest/organizationalEntityShareStatistics', forbidden);
    const error: unknown = await connector.fetchMetrics(page, [share]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsUnavailableError);
    expect((error as MetricsUnavailableError).reason).toMatch(/rw_organization_admin/);
  });

  it('reads likes and comments of a member’s posts in one batch, leaving out deleted ones', async () => {
    fake.on('GET', '/rest/socialActions', {
      json: {
        results: {
          [share]: {
            target: share,
            likesSummary: { totalLikes: 12, likedByCurrentUser: false },
            commentsSummary: { aggregatedTotalComments: 3, totalFirstLevelComments: 2 },
          },
        },
        statuses: { [share]: 200, [ugcPost]: 404 },
        errors: { [ugcPost]: { status: 404, message: 'Not found' } },
      },
    });
    const metrics = await connector.fetchMetrics(member, [share, ugcPost]);
    expect([...metrics.keys()]).toEqual([share]);
    expect(metrics.get(share)).toEqual({
      impressions: null,
      reach: null,
      clicks: null,
      reactions: 12,
      reactionsByType: null,
      comments: 3,
      shares: null,
      saves: null,
      videoViews: null,
    });
    expect(fake.received[0].query.get('ids')).toBe(`List(${share},${ugcPost})`);
  });

  it('hands a rate limit with Retry-After to the retry policy', async () => {
    fake.on('GET', '/rest/socialActions', {
      status: 429,
      headers: { 'retry-after': '60' },
      json: { status: 429, message: 'Resource level throttle limit for calls to this resource is reached.' },
    });
    expect(await failureOf(connector.fetchMetrics(member, [share]))).toMatchObject({ kind: 'retry', afterMs: 60_000 });
  });

  it('reads an organization’s followers; a member profile has no figures to read', async () => {
    fake.on('GET', `/rest/networkSizes/${encodeURIComponent(organization)}`, { json: { firstDegreeSize: 18342 } });
    expect(await connector.fetchAccountStats(page)).toEqual({
      followers: 18342,
      following: null,
      posts: null,
      profileViews: null,
    });
    expect(fake.received[0].query.get('edgeType')).toBe('COMPANY_FOLLOWED_BY_MEMBER');
    expect(await connector.fetchAccountStats(member)).toEqual({
      followers: null,
      following: null,
      posts: null,
      profileViews: null,
    });
    expect(fake.received).toHaveLength(1);
  });

  it('lists the author’s posts since a moment, with their kind', async () => {
    const since = new Date('2026-11-01T00:00:00Z');
    fake.on('GET', '/rest/posts', {
      json: {
        paging: { start: 0, count: 50, links: [] },
        elements: [
          {
            id: share,
            author: organization,
            commentary: 'We are hiring #jobs',
            publishedAt: Date.parse('2026-11-20T09:00:00Z'),
            createdAt: Date.parse('2026-11-20T09:00:00Z'),
            content: { media: { id: 'urn:li:video:C5F10AQGKQg_6y2a4sQ' } },
          },
          {
            id: ugcPost,
            commentary: 'Read our blog',
            publishedAt: Date.parse('2026-11-10T09:00:00Z'),
            content: { article: { source: 'https://example.com/blog', title: 'Blog' } },
          },
          { id: 'urn:li:share:1', commentary: 'Old news', publishedAt: Date.parse('2026-10-01T09:00:00Z') },
        ],
      },
    });
    const posts = await connector.listPosts(page, since);
    expect(posts.map((p) => [p.externalId, p.postType, p.mediaKind, p.text])).toEqual([
      [share, 'video', 'video', 'We are hiring #jobs'],
      [ugcPost, 'link', null, 'Read our blog'],
    ]);
    expect(fake.received[0].query.get('sortBy')).toBe('CREATED');
    expect(fake.received[0].headers['x-restli-method']).toBe('FINDER');
  });

  it('lists nothing when LinkedIn does not let the app read posts', async () => {
    fake.on('GET', '/rest/posts', forbidden);
    expect(await connector.listPosts(member, new Date('2026-11-01T00:00:00Z'))).toEqual([]);
  });
});
