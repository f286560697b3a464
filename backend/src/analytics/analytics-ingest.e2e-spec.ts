import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_STATS, POST_METRICS, type AccountStatsEvent, type PostMetricsEvent } from '../common/domain-events';
import { NO_METRICS, type PostMetrics } from '../connectors/connector';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';
import { AnalyticsAccountDay } from './analytics-account-day.entity';
import { AnalyticsWorkspaceDay } from './analytics-workspace-day.entity';
import { COUNTED_NAMES } from './metric-columns';
import { AnalyticsBestTimeCell } from './analytics-best-time-cell.entity';
import { AnalyticsHashtagDay } from './analytics-hashtag-day.entity';
import { AnalyticsIngest } from './analytics-ingest.service';
import { AnalyticsPostDay } from './analytics-post-day.entity';
import { AnalyticsPost } from './analytics-post.entity';
import { PostMetricSnapshot } from './post-metric-snapshot.entity';

const ZONE = 'Europe/Paris';
/** Local noon of a June day in Paris (UTC+2), at `hour` local. */
const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 5, day, hour - 2));
const metrics = (m: Partial<PostMetrics>): PostMetrics => ({ ...NO_METRICS, ...m });

describe.each(DATABASE_KINDS)('analytics ingestion on %s', (kind) => {
  const migrated = migratedDatabase(kind);
  let db: DataSource;
  let ingest: AnalyticsIngest;
  const announced: PostMetricsEvent[] = [];
  const stats: AccountStatsEvent[] = [];

  beforeAll(async () => {
    db = migrated.dataSource;
    const events = new EventEmitter2();
    events.on(POST_METRICS, (e: PostMetricsEvent) => announced.push(e));
    events.on(ACCOUNT_STATS, (e: AccountStatsEvent) => stats.push(e));
    ingest = new AnalyticsIngest(db, events);
    await db.getRepository('Workspace').insert({ id: 'w1', name: 'W', timeZone: ZONE, defaultPostingTimes: [] });
    await db.getRepository('SocialAccount').insert({
      id: 'a1',
      workspaceId: 'w1',
      network: 'facebook',
      name: 'Cafe',
      externalAccountId: 'page-1',
      status: 'active',
      scopes: [],
      missingScopes: [],
      settings: {},
    });
    for (const [id, variantId] of [
      ['p1', 'p1'],
      ['p2', 'p2'],
      ['ext', null],
    ] as const) {
      await db.getRepository(AnalyticsPost).insert({
        id,
        workspaceId: 'w1',
        accountId: 'a1',
        network: 'facebook',
        externalId: `fb-${id}`,
        postId: variantId ? `post-${id}` : null,
        variantId,
        external: !variantId,
        postType: 'status',
        text: 'Autumn menu #Coffee',
        publishedAt: at(1, 9),
        publishedDay: '2026-06-01',
        publishedWeekday: 1,
        publishedHour: 9,
      });
      await db.getRepository('AnalyticsPostHashtag').insert({ analyticsPostId: id, tag: 'coffee', workspaceId: 'w1' });
    }
  });

  const accountDay = (day: string) => db.getRepository(AnalyticsAccountDay).findOneBy({ accountId: 'a1', day });
  const hashtagDay = (day: string) =>
    db.getRepository(AnalyticsHashtagDay).findOneBy({ workspaceId: 'w1', tag: 'coffee', day });
  const postDay = (id: string, day: string) =>
    db.getRepository(AnalyticsPostDay).findOneBy({ analyticsPostId: id, day });
  const post = (id: string) => db.getRepository(AnalyticsPost).findOneByOrFail({ id });
  const cell = () => db.getRepository(AnalyticsBestTimeCell).findOneBy({ accountId: 'a1', weekday: 1, hour: 9 });

  it('a first snapshot is stored, rolled up into its day, made the latest and announced', async () => {
    const outcome = await ingest.record([
      {
        analyticsPostId: 'p1',
        takenAt: at(1, 10),
        metrics: metrics({
          impressions: 200,
          reach: 100,
          clicks: 2,
          reactions: 8,
          reactionsByType: { like: 6, love: 2 },
          comments: 1,
          shares: 1,
        }),
      },
    ]);
    expect(outcome).toEqual({ stored: 1, unknown: 0, announced: 1 });
    expect(await postDay('p1', '2026-06-01')).toMatchObject({
      impressions: 200,
      reach: 100,
      engagement: 12,
      saves: null,
    });
    expect(await accountDay('2026-06-01')).toMatchObject({
      impressions: 200,
      reach: 100,
      clicks: 2,
      engagement: 12,
      saves: null,
      videoViews: null,
    });
    expect(await hashtagDay('2026-06-01')).toMatchObject({ impressions: 200, reach: 100, clicks: 2, engagement: 12 });
    expect(await post('p1')).toMatchObject({
      engagement: 12,
      engagementRate: 12,
      ctr: 1,
      rateBasis: 'reach',
      reactionsByType: { like: 6, love: 2 },
      saves: null,
      metricsTakenAt: at(1, 10),
    });
    expect(await cell()).toMatchObject({ posts: 1, engagementSum: 12, basisSum: 100 });
    expect(announced).toEqual([
      {
        workspaceId: 'w1',
        postId: 'post-p1',
        variantId: 'p1',
        accountId: 'a1',
        metrics: {
          impressions: 200,
          reach: 100,
          clicks: 2,
          reactions: 8,
          likes: 8,
          comments: 1,
          shares: 1,
          engagement: 12,
          engagementRate: 12,
          ctr: 1,
        },
      },
    ]);
  });

  it('the same snapshot again changes nothing and is neither stored nor announced twice', async () => {
    const again = {
      analyticsPostId: 'p1',
      takenAt: at(1, 10),
      metrics: metrics({ impressions: 200, reach: 100, clicks: 2, reactions: 8, comments: 1, shares: 1 }),
    };
    expect(await ingest.record([again, again])).toEqual({ stored: 0, unknown: 0, announced: 0 });
    expect(await accountDay('2026-06-01')).toMatchObject({ impressions: 200, engagement: 12 });
    expect(await db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: 'p1' })).toBe(1);
    expect(announced).toHaveLength(1);
  });

  it('a later snapshot of the same day adds only its increase', async () => {
    await ingest.record([
      {
        analyticsPostId: 'p1',
        takenAt: at(1, 20),
        metrics: metrics({ impressions: 300, reach: 150, clicks: 4, reactions: 10, comments: 1, shares: 1 }),
      },
    ]);
    expect(await accountDay('2026-06-01')).toMatchObject({ impressions: 300, reach: 150, engagement: 16 });
    expect(await cell()).toMatchObject({ posts: 1, engagementSum: 16, basisSum: 150 });
  });

  it('a snapshot on a day after gains the difference on that day', async () => {
    await ingest.record([
      {
        analyticsPostId: 'p1',
        takenAt: at(5),
        metrics: metrics({ impressions: 700, reach: 350, clicks: 4, reactions: 30, comments: 1, shares: 1 }),
      },
    ]);
    expect(await accountDay('2026-06-01')).toMatchObject({ impressions: 300, engagement: 16 });
    expect(await accountDay('2026-06-05')).toMatchObject({ impressions: 400, reach: 200, engagement: 20 });
    expect(await hashtagDay('2026-06-05')).toMatchObject({ impressions: 400, engagement: 20 });
  });

  it('a late snapshot between two days moves gain from the later day without changing the total or the latest', async () => {
    const before = announced.length;
    await ingest.record([
      {
        analyticsPostId: 'p1',
        takenAt: at(3),
        metrics: metrics({ impressions: 500, reach: 250, clicks: 4, reactions: 20, comments: 1, shares: 1 }),
      },
    ]);
    expect(await accountDay('2026-06-03')).toMatchObject({ impressions: 200, reach: 100, engagement: 10 });
    expect(await accountDay('2026-06-05')).toMatchObject({ impressions: 200, reach: 100, engagement: 10 });
    expect(await post('p1')).toMatchObject({ impressions: 700, metricsTakenAt: at(5) });
    expect(announced).toHaveLength(before);
    expect(await db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: 'p1' })).toBe(4);
  });

  it("a late snapshot older than its day's newest is stored raw but changes no rollup", async () => {
    await ingest.record([{ analyticsPostId: 'p1', takenAt: at(3, 8), metrics: metrics({ impressions: 450 }) }]);
    expect(await accountDay('2026-06-03')).toMatchObject({ impressions: 200 });
    expect(await postDay('p1', '2026-06-03')).toMatchObject({ impressions: 500, takenAt: at(3) });
  });

  it('gains of several posts in one batch add up; metrics a network does not provide stay null', async () => {
    await ingest.record([
      { analyticsPostId: 'p2', takenAt: at(5, 9), metrics: metrics({ impressions: 50, reactions: 5 }) },
      { analyticsPostId: 'ext', takenAt: at(5, 9), metrics: metrics({ impressions: 10, reactions: 1 }) },
      { analyticsPostId: 'gone', takenAt: at(5, 9), metrics: metrics({ impressions: 10 }) },
    ]);
    expect(await accountDay('2026-06-05')).toMatchObject({ impressions: 260, reach: 100, engagement: 16, saves: null });
    expect(await post('p2')).toMatchObject({
      reach: null,
      engagementRate: 10,
      rateBasis: 'impressions',
      ctr: null,
      clicks: null,
    });
    expect(await cell()).toMatchObject({ posts: 3, engagementSum: 36 + 5 + 1, basisSum: 350 + 50 + 10 });
    expect(announced.at(-1)).toMatchObject({
      variantId: 'p2',
      metrics: { impressions: 50, reactions: 5, likes: 5, engagement: 5 },
    });
    expect(announced.some((e) => e.variantId === null || e.postId === 'post-ext')).toBe(false);
  });

  it('two collections writing the same new account and hashtag day at once both count', async () => {
    await Promise.all([
      ingest.record([{ analyticsPostId: 'p2', takenAt: at(10), metrics: metrics({ impressions: 150, reactions: 5 }) }]),
      ingest.record([{ analyticsPostId: 'ext', takenAt: at(10), metrics: metrics({ impressions: 30, reactions: 1 }) }]),
    ]);
    expect(await accountDay('2026-06-10')).toMatchObject({ impressions: 120, engagement: 0 });
    expect(await hashtagDay('2026-06-10')).toMatchObject({ impressions: 120 });
  });

  it('account stats land in the account day and are announced', async () => {
    await ingest.recordAccountStats('a1', '2026-06-05', {
      followers: 1200,
      following: 10,
      posts: 40,
      profileViews: null,
    });
    await ingest.recordAccountStats('a1', '2026-06-07', {
      followers: 1210,
      following: 10,
      posts: 41,
      profileViews: null,
    });
    expect(await accountDay('2026-06-05')).toMatchObject({ followers: 1200, impressions: 260, profileViews: null });
    expect(await accountDay('2026-06-07')).toMatchObject({ followers: 1210, impressions: null, postsPublished: 0 });
    expect(await db.getRepository('AnalyticsAccount').findOneBy({ accountId: 'a1' })).toMatchObject({
      lastStatsDay: '2026-06-07',
    });
    expect(stats.map((s) => [s.day, s.stats.followers, s.workspaceId])).toEqual([
      ['2026-06-05', 1200, 'w1'],
      ['2026-06-07', 1210, 'w1'],
    ]);
  });

  it('keeps the workspace day rollup equal to the sums of its account days, figures included', async () => {
    await ingest.recordAccountStats('a1', '2026-06-05', {
      followers: 1250,
      following: 10,
      posts: 40,
      profileViews: null,
    });
    const accountDays = await db.getRepository(AnalyticsAccountDay).findBy({ workspaceId: 'w1' });
    const workspaceDays = await db.getRepository(AnalyticsWorkspaceDay).findBy({ workspaceId: 'w1' });
    const summed = [...COUNTED_NAMES, 'postsPublished', 'followers'] as const;
    const expected = new Map<string, Record<string, number | null>>();
    for (const d of accountDays) {
      const row = expected.get(`${d.day}|${d.network}`) ?? {};
      for (const m of summed) row[m] = d[m] === null ? (row[m] ?? null) : (row[m] ?? 0) + d[m];
      expected.set(`${d.day}|${d.network}`, row);
    }
    const empty = (row: Record<string, number | null>) => summed.every((m) => !row[m]);
    const kept = [...expected].filter(([, row]) => !empty(row));
    expect(kept.length).toBeGreaterThan(4);
    expect(workspaceDays.filter((w) => !empty(w as never)).length).toBe(kept.length);
    for (const [key, row] of kept) {
      const [day, network] = key.split('|');
      const w = workspaceDays.find((x) => x.day === day && x.network === network);
      expect(w, key).toMatchObject(row);
    }
    expect(workspaceDays.find((w) => w.day === '2026-06-05')).toMatchObject({ followers: 1250, impressions: 260 });
  });
});
