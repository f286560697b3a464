import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_MIN_POSTS, heatmapOf, nextBestTime, type Heatmap } from './best-time-stats';
import { count, select } from './sql';

export interface BestTimeScope {
  accountId?: string;
  network?: string;
}

/**
 * Best times to post, from the best-time rollup (one row per account and hour of the week, in the
 * workspace time zone). The posts context asks it for "at the next best time" schedules.
 */
@Injectable()
export class BestTimes {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async heatmap(workspaceId: string, scope: BestTimeScope, minPosts = DEFAULT_MIN_POSTS): Promise<Heatmap> {
    const rows = await select(
      this.dataSource,
      `SELECT c.weekday AS "weekday", c.hour AS "hour", SUM(c.posts) AS "posts",
         SUM(c."engagementSum") AS "engagementSum", SUM(c."basisSum") AS "basisSum"
       FROM analytics_best_time_cells c
       WHERE c."workspaceId" = :workspaceId${scope.accountId ? ' AND c."accountId" = :accountId' : ''}${scope.network ? ' AND c.network = :network' : ''}
       GROUP BY c.weekday, c.hour`,
      { workspaceId, accountId: scope.accountId, network: scope.network },
    );
    return heatmapOf(
      rows.map((r) => ({
        weekday: count(r.weekday),
        hour: count(r.hour),
        posts: count(r.posts),
        engagementSum: count(r.engagementSum),
        basisSum: count(r.basisSum),
      })),
      minPosts,
    );
  }

  /**
   * The account's next best time after `after` (cells are read in the workspace zone), or null
   * when its history is too thin to name best times.
   */
  async nextFor(
    workspaceId: string,
    accountId: string,
    workspaceTimeZone: string,
    after: Date,
    taken: ReadonlySet<number> = new Set(),
  ): Promise<Date | null> {
    const map = await this.heatmap(workspaceId, { accountId });
    return map.enoughData ? nextBestTime(map.best, workspaceTimeZone, after, taken) : null;
  }
}
