import type { DataSource } from 'typeorm';
import { inTransaction } from '../database/transactions';
import { AnalyticsSql } from './analytics-sql';
import { dateOf } from './analytics-sql';
import { localSlot } from './local-time';

/** Posts re-placed per transaction. */
const PAGE = 2000;

/**
 * After a workspace's time zone changes: each tracked post's local day, weekday and hour in the
 * new zone, then the best-time cells summed again from the posts' latest values (the heatmap is
 * in the workspace's zone). Day rollups keep the days they were counted on.
 */
export async function rebuildBestTimes(dataSource: DataSource, workspaceId: string): Promise<number> {
  const sql = new AnalyticsSql(dataSource.manager);
  const [workspace] = await sql.select<{ timeZone: string }>(
    `SELECT ${sql.q('timeZone')} FROM ${sql.q('workspaces')} WHERE ${sql.q('id')} = :workspaceId`,
    { workspaceId },
  );
  if (!workspace) return 0;
  let moved = 0;
  for (let after = ''; ;) {
    const page = await readPage(sql, workspaceId, after);
    if (!page.length) break;
    after = page[page.length - 1].id;
    moved += await inTransaction(dataSource, (em) => replace(new AnalyticsSql(em), page, workspace.timeZone));
  }
  await inTransaction(dataSource, (em) => sumCells(new AnalyticsSql(em), workspaceId));
  return moved;
}

interface PlacedPost {
  id: string;
  publishedAt: Date;
  publishedDay: string;
  publishedWeekday: number;
  publishedHour: number;
}

async function readPage(sql: AnalyticsSql, workspaceId: string, after: string): Promise<PlacedPost[]> {
  const q = (n: string) => sql.q(n);
  const rows = await sql.em
    .createQueryBuilder()
    .select(['id', 'publishedAt', 'publishedDay', 'publishedWeekday', 'publishedHour'].map((c) => q(c)).join(', '))
    .from('analytics_posts', 'p')
    .where(`${q('workspaceId')} = :workspaceId AND ${q('id')} > :after`, { workspaceId, after })
    .orderBy(q('id'))
    .limit(PAGE)
    .getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({
    id: String(r.id),
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
