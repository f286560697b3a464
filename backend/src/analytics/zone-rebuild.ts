import type { DataSource } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { inTransaction } from '../database/transactions';
import { AnalyticsPost } from './analytics-post.entity';
import { AnalyticsSql, dateOf } from './analytics-sql';
import { firstRebuiltDay, moveDayRollups, type MovedPost } from './day-rollup-rebuild';
import { localSlot } from './local-time';
import { sumWorkspaceDays } from './workspace-days';

/** Posts re-placed per transaction. */
const PAGE = 2000;

export interface ZoneRebuildOptions {
  /** Raw snapshots are kept from this instant on: day rollups are rebuilt from its first whole day. */
  snapshotsFrom: Date;
  /** Called after each page with the share done, 0–100. */
  onProgress?: (percent: number) => Promise<void>;
}

/**
 * After a workspace's time zone changes, page by page (one transaction each): each tracked post's
 * day rollups moved to the new zone (`moveDayRollups`: posts published on every day, gains from
 * the first day raw snapshots still cover), then its local day, weekday and hour re-placed; last,
 * the best-time cells summed again from the posts' latest values and the workspace day rollup from
 * the account days. Returns how many posts moved.
 */
export async function rebuildForZone(
  dataSource: DataSource,
  workspaceId: string,
  options: ZoneRebuildOptions,
): Promise<number> {
  const sql = new AnalyticsSql(dataSource.manager);
  const [workspace] = await sql.select<{ timeZone: string }>(
    `SELECT ${sql.q('timeZone')} FROM ${sql.q('workspaces')} WHERE ${sql.q('id')} = :workspaceId`,
    { workspaceId },
  );
  if (!workspace) return 0;
  const zone = workspace.timeZone;
  const fromDay = firstRebuiltDay(options.snapshotsFrom, zone);
  const total = await sql.em.getRepository(AnalyticsPost).countBy({ workspaceId });
  let moved = 0;
  let done = 0;
  for (let after = ''; ;) {
    const page = await readPage(sql, workspaceId, after);
    if (!page.length) break;
    after = page[page.length - 1].id;
    moved += await inTransaction(dataSource, async (em) => {
      const tx = new AnalyticsSql(em);
      await moveDayRollups(
        tx,
        page.map((post) => movedPost(post, workspaceId, zone)),
        zone,
        fromDay,
      );
      return replace(tx, page, zone);
    });
    done += page.length;
    await options.onProgress?.(Math.min(99, (done / Math.max(total, 1)) * 100));
  }
  await inTransaction(dataSource, async (em) => {
    await sumCells(new AnalyticsSql(em), workspaceId);
    // Account days changed by increments; the workspace rollup is their sum (figures included).
    await sumWorkspaceDays(em, workspaceId);
  });
  return moved;
}

const movedPost = (post: PlacedPost, workspaceId: string, zone: string): MovedPost => ({
  id: post.id,
  workspaceId,
  accountId: post.accountId,
  network: post.network,
  publishedAt: post.publishedAt,
  oldDay: post.publishedDay,
  newDay: localSlot(post.publishedAt, zone).day,
});

interface PlacedPost {
  id: string;
  accountId: string;
  network: NetworkId;
  publishedAt: Date;
  publishedDay: string;
  publishedWeekday: number;
  publishedHour: number;
}

async function readPage(sql: AnalyticsSql, workspaceId: string, after: string): Promise<PlacedPost[]> {
  const q = (n: string) => sql.q(n);
  const rows = await sql.em
    .createQueryBuilder()
    .select(
      ['id', 'accountId', 'network', 'publishedAt', 'publishedDay', 'publishedWeekday', 'publishedHour']
        .map((c) => q(c))
        .join(', '),
    )
    .from('analytics_posts', 'p')
    .where(`${q('workspaceId')} = :workspaceId AND ${q('id')} > :after`, { workspaceId, after })
    .orderBy(q('id'))
    .limit(PAGE)
    .getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({
    id: String(r.id),
    accountId: String(r.accountId),
    network: r.network as NetworkId,
    publishedAt: dateOf(r.publishedAt),
    publishedDay: String(r.publishedDay),
    publishedWeekday: Number(r.publishedWeekday),
    publishedHour: Number(r.publishedHour),
  }));
}

/** Writes the posts whose local slot differs in `zone`; returns how many moved. */
async function replace(sql: AnalyticsSql, posts: PlacedPost[], zone: string): Promise<number> {
  const statement = sql.statement('post-slot=', () => {
    const sets = ['publishedDay', 'publishedWeekday', 'publishedHour'].map((c, i) => `${sql.q(c)} = ${sql.p(i)}`);
    return `UPDATE ${sql.q('analytics_posts')} SET ${sets.join(', ')} WHERE ${sql.q('id')} = ${sql.p(3)}`;
  });
  let moved = 0;
  for (const post of posts) {
    const slot = localSlot(post.publishedAt, zone);
    if (slot.day === post.publishedDay && slot.weekday === post.publishedWeekday && slot.hour === post.publishedHour) {
      continue;
    }
    await sql.run(statement, [slot.day, slot.weekday, slot.hour, post.id]);
    moved++;
  }
  return moved;
}

/** The workspace's cells from scratch: per account and local weekday and hour, its posts with metrics. */
async function sumCells(sql: AnalyticsSql, workspaceId: string): Promise<void> {
  const q = (n: string) => sql.q(n);
  const basis = `CASE ${q('rateBasis')} WHEN 'reach' THEN COALESCE(${q('reach')}, 0) WHEN 'impressions' THEN COALESCE(${q('impressions')}, 0) ELSE 0 END`;
  await sql.select(`DELETE FROM ${q('analytics_best_time_cells')} WHERE ${q('workspaceId')} = :workspaceId`, {
    workspaceId,
  });
  await sql.select(
    `INSERT INTO ${q('analytics_best_time_cells')}
       (${['workspaceId', 'accountId', 'weekday', 'hour', 'network', 'posts', 'engagementSum', 'basisSum'].map(q).join(', ')})
     SELECT ${q('workspaceId')}, ${q('accountId')}, ${q('publishedWeekday')}, ${q('publishedHour')}, MIN(${q('network')}),
       COUNT(*), SUM(COALESCE(${q('engagement')}, 0)), SUM(${basis})
     FROM ${q('analytics_posts')}
     WHERE ${q('workspaceId')} = :workspaceId AND ${q('metricsTakenAt')} IS NOT NULL
     GROUP BY ${q('workspaceId')}, ${q('accountId')}, ${q('publishedWeekday')}, ${q('publishedHour')}`,
    { workspaceId },
  );
}
