import { EventEmitter2 } from '@nestjs/event-emitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_METRICS } from '../connectors/connector';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';
import { AnalyticsBestTimeCell } from './analytics-best-time-cell.entity';
import { AnalyticsIngest } from './analytics-ingest.service';
import { AnalyticsPost } from './analytics-post.entity';
import { AnalyticsTracking } from './analytics-tracking.service';
import { rebuildForZone } from './zone-rebuild';
import { AnalyticsAccountDay } from './analytics-account-day.entity';
import { AnalyticsHashtagDay } from './analytics-hashtag-day.entity';
import { AnalyticsPostDay } from './analytics-post-day.entity';
import { AnalyticsWorkspaceDay } from './analytics-workspace-day.entity';

describe.each(DATABASE_KINDS)('rollups after a time-zone change on %s', (kind) => {
  const migrated = migratedDatabase(kind);

  let lateId = '';

  beforeAll(async () => {
    const db = migrated.dataSource;
    await db.getRepository('Workspace').insert({ id: 'w1', name: 'W', timeZone: 'UTC', defaultPostingTimes: [] });
    const tracking = new AnalyticsTracking(db);
    const ingest = new AnalyticsIngest(db, new EventEmitter2());
    const base = {
      workspaceId: 'w1',
      accountId: 'a1',
      network: 'x' as const,
      postId: null,
      variantId: null,
      authorId: null,
    };
    const post = { ...base, postType: 'status' as const, mediaKind: null, url: null, text: 'late #night' };
    // Monday 23:30 UTC (Tuesday 01:30 in Paris in summer), and Monday 10:00 UTC (12:00 in Paris).
    const ids = await tracking.trackMany([
      { ...post, externalId: 'late', publishedAt: new Date('2026-06-01T23:30:00Z') },
      { ...post, externalId: 'noon', publishedAt: new Date('2026-06-01T10:00:00Z') },
      { ...post, externalId: 'quiet', publishedAt: new Date('2026-06-01T10:20:00Z') },
    ]);
    lateId = ids[0];
    await ingest.record([
      {
        // 23:00 UTC on the 2nd is 01:00 on the 3rd in Paris.
        analyticsPostId: ids[0],
        takenAt: new Date('2026-06-02T23:00:00Z'),
        metrics: { ...NO_METRICS, impressions: 100, reactions: 4 },
      },
      {
        analyticsPostId: ids[0],
        takenAt: new Date('2026-06-03T10:00:00Z'),
        metrics: { ...NO_METRICS, impressions: 400, reactions: 20 },
      },
      {
        analyticsPostId: ids[1],
        takenAt: new Date('2026-06-03T10:00:00Z'),
        metrics: { ...NO_METRICS, impressions: 100, reactions: 5 },
      },
    ]);
  });

  const cells = async () =>
    (await migrated.dataSource.getRepository(AnalyticsBestTimeCell).findBy({ workspaceId: 'w1' }))
      .map((c) => [c.weekday, c.hour, c.posts, c.engagementSum, c.basisSum])
      .sort();

  const db = () => migrated.dataSource;
  const RETAINED_SINCE_MAY = { snapshotsFrom: new Date('2026-05-01T00:00:00Z') };
  /** Snapshots kept only from the 3rd on: the 2nd and 3rd in Paris are beyond retention. */
  const RETAINED_SINCE_3RD = { snapshotsFrom: new Date('2026-06-03T00:00:00Z') };
  const accountDays = async () =>
    (await db().getRepository(AnalyticsAccountDay).findBy({ workspaceId: 'w1' }))
      .map((d) => [d.day, d.impressions, d.postsPublished])
      .sort();
  const workspaceDays = async () =>
    (await db().getRepository(AnalyticsWorkspaceDay).findBy({ workspaceId: 'w1' }))
      .filter((d) => d.impressions || d.postsPublished)
      .map((d) => [d.day, d.impressions, d.postsPublished])
      .sort();

  it('places posts, their cells and their day rollups in the new zone, with the same sums', async () => {
    expect(await accountDays()).toEqual([
      ['2026-06-01', null, 3],
      ['2026-06-02', 100, 0],
      ['2026-06-03', 400, 0],
    ]);
    expect(await cells()).toEqual([
      [1, 10, 1, 5, 100],
      [1, 23, 1, 20, 400],
    ]);
    await migrated.dataSource.getRepository('Workspace').update({ id: 'w1' }, { timeZone: 'Europe/Paris' });
    const progress: number[] = [];
    const onProgress = async (percent: number) => void progress.push(percent);
    expect(await rebuildForZone(migrated.dataSource, 'w1', { ...RETAINED_SINCE_3RD, onProgress })).toBe(3);
    expect(progress.at(-1)).toBeGreaterThan(90);
    // Posts published move (their times are kept); gains beyond retention stay on their old days.
    expect(await accountDays()).toEqual([
      ['2026-06-01', null, 2],
      ['2026-06-02', 100, 1],
      ['2026-06-03', 400, 0],
    ]);
    expect(await cells()).toEqual([
      [1, 12, 1, 5, 100],
      [2, 1, 1, 20, 400],
    ]);
    const late = await migrated.dataSource.getRepository(AnalyticsPost).findOneByOrFail({ externalId: 'late' });
    expect(late).toMatchObject({ publishedDay: '2026-06-02', publishedWeekday: 2, publishedHour: 1 });
    expect(await rebuildForZone(migrated.dataSource, 'w1', RETAINED_SINCE_3RD)).toBe(0);
  });

  it("reads the days raw snapshots still cover again by the new zone's days", async () => {
    expect(await rebuildForZone(db(), 'w1', RETAINED_SINCE_MAY)).toBe(0);
    // Both of the late post's reads fall on the 3rd in Paris: its 100 moves from the 2nd.
    expect(await accountDays()).toEqual([
      ['2026-06-01', null, 2],
      ['2026-06-02', 0, 1],
      ['2026-06-03', 500, 0],
    ]);
    expect(await workspaceDays()).toEqual([
      ['2026-06-01', null, 2],
      ['2026-06-02', 0, 1],
      ['2026-06-03', 500, 0],
    ]);
    const lateDays = await db().getRepository(AnalyticsPostDay).findBy({ analyticsPostId: lateId });
    expect(lateDays.map((d) => [d.day, d.impressions])).toEqual([['2026-06-03', 400]]);
    const night = await db().getRepository(AnalyticsHashtagDay).findBy({ workspaceId: 'w1', tag: 'night' });
    expect(night.map((d) => [d.day, d.impressions, d.postsPublished]).sort()).toEqual([
      ['2026-06-01', null, 2],
      ['2026-06-02', 0, 1],
      ['2026-06-03', 500, 0],
    ]);
    // Run again: nothing changes.
    await rebuildForZone(db(), 'w1', RETAINED_SINCE_MAY);
    expect(await accountDays()).toEqual([
      ['2026-06-01', null, 2],
      ['2026-06-02', 0, 1],
      ['2026-06-03', 500, 0],
    ]);
  });
});
