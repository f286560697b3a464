import { EventEmitter2 } from '@nestjs/event-emitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_METRICS } from '../connectors/connector';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';
import { AnalyticsBestTimeCell } from './analytics-best-time-cell.entity';
import { AnalyticsIngest } from './analytics-ingest.service';
import { AnalyticsPost } from './analytics-post.entity';
import { AnalyticsTracking } from './analytics-tracking.service';
import { rebuildBestTimes } from './best-time-rebuild';

describe.each(DATABASE_KINDS)('best-time cells after a time-zone change on %s', (kind) => {
  const migrated = migratedDatabase(kind);

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
    await ingest.record([
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

  it('places posts and their cells in the new zone, with the same sums', async () => {
    expect(await cells()).toEqual([
      [1, 10, 1, 5, 100],
      [1, 23, 1, 20, 400],
    ]);
    await migrated.dataSource.getRepository('Workspace').update({ id: 'w1' }, { timeZone: 'Europe/Paris' });
    expect(await rebuildBestTimes(migrated.dataSource, 'w1')).toBe(3);
    expect(await cells()).toEqual([
      [1, 12, 1, 5, 100],
      [2, 1, 1, 20, 400],
    ]);
    const late = await migrated.dataSource.getRepository(AnalyticsPost).findOneByOrFail({ externalId: 'late' });
    expect(late).toMatchObject({ publishedDay: '2026-06-02', publishedWeekday: 2, publishedHour: 1 });
    expect(await rebuildBestTimes(migrated.dataSource, 'w1')).toBe(0);
  });
});
