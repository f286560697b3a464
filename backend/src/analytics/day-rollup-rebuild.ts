import { DateTime } from 'luxon';
import type { NetworkId } from '../connectors/network-limits';
import { inLists } from '../database/in-lists';
import { insertRows } from '../database/insert-rows';
import { AnalyticsPostDay } from './analytics-post-day.entity';
import { AnalyticsSql, dateOf, numOrNull } from './analytics-sql';
import { localDay } from './local-time';
import { COUNTED_NAMES } from './metric-columns';
import { type Counts, type Delta, type DayPoint, emptyCounts, PostDays } from './rollup-math';
import { RollupWriter } from './rollup-writer';

/** A tracked post as the zone rebuild moves it: where it was published then and now. */
export interface MovedPost {
  id: string;
  workspaceId: string;
  accountId: string;
  network: NetworkId;
  publishedAt: Date;
  /** Its local day in the old zone (as the rollups counted it). */
  oldDay: string;
  /** Its local day in the new zone. */
  newDay: string;
}

/**
 * The first day of `zone` that starts at or after `cutoff`: raw snapshots are kept from the
 * cutoff on, so from this day on every day's values can be read again from them.
 */
export function firstRebuiltDay(cutoff: Date, zone: string): string {
  const start = DateTime.fromJSDate(cutoff, { zone }).startOf('day');
  return (start.toMillis() < cutoff.getTime() ? start.plus({ days: 1 }) : start).toISODate()!;
}

/**
 * Moves a page of posts' day rollups to the new zone, in the caller's transaction, as increments
 * (so collections writing other posts meanwhile still add up):
 * - posts published: one less on the old day, one more on the new (publishing times are kept for good);
 * - gains from `fromDay` on: what the post's day rows had added is taken off the account, workspace
 *   and hashtag days, its rows from `fromDay` are read again from its raw snapshots by new-zone day,
 *   and their gains added. Days before `fromDay` (beyond snapshot retention) keep the days they
 *   were counted on in the old zone: their raw reads are gone.
 */
export async function moveDayRollups(
  sql: AnalyticsSql,
  posts: MovedPost[],
  zone: string,
  fromDay: string,
): Promise<void> {
  if (!posts.length) return;
  const ids = posts.map((p) => p.id);
  const rows = await postDayRows(sql, ids);
  const snapshots = await snapshotsFrom(sql, ids, DateTime.fromISO(fromDay, { zone }).toJSDate());
  const tags = await tagsOf(sql, ids);
  const rollups = new RollupWriter();
  const inserted: Array<Partial<AnalyticsPostDay>> = [];
  for (const post of posts) {
    const owned = tags.get(post.id) ?? [];
    const add = (day: string, delta: Delta | null, published: number) => {
      rollups.addAccountDay(post, day, delta, published);
      for (const tag of owned) rollups.addHashtagDay(post.workspaceId, tag, day, delta, published);
    };
    if (post.oldDay !== post.newDay) {
      add(post.oldDay, null, -1);
      add(post.newDay, null, 1);
    }
    const own = rows.get(post.id) ?? [];
    const before = () => own.filter((r) => r.day < fromDay).map((r) => ({ ...r, counts: { ...r.counts } }));
    // What the rows from fromDay on had added: replayed in day order, each gain is row − base.
    const old = new PostDays(before());
    for (const row of own.filter((r) => r.day >= fromDay)) {
      for (const gain of old.apply(row.day, row.takenAt, row.counts) ?? []) add(gain.day, negated(gain.delta), 0);
    }
    const fresh = new PostDays(before());
    for (const snapshot of snapshots.get(post.id) ?? []) {
      const day = localDay(snapshot.takenAt, zone);
      if (day < fromDay) continue;
      for (const gain of fresh.apply(day, snapshot.takenAt, snapshot.counts) ?? []) add(gain.day, gain.delta, 0);
    }
    for (const point of fresh.points.filter((p) => p.state === 'new')) {
      const { workspaceId, accountId } = post;
      inserted.push({
        analyticsPostId: post.id,
        day: point.day,
        workspaceId,
        accountId,
        takenAt: point.takenAt,
        ...point.counts,
      });
    }
  }
  for (const list of inLists(ids)) {
    await sql.select(
      `DELETE FROM ${sql.q('analytics_post_days')} WHERE ${sql.q('analyticsPostId')} IN (:...list) AND ${sql.q('day')} >= :fromDay`,
      { list, fromDay },
    );
  }
  await insertRows(sql.em, AnalyticsPostDay, inserted);
  await rollups.flush(sql);
}

function negated(delta: Delta): Delta {
  const out = emptyCounts();
  for (const name of COUNTED_NAMES) out[name] = delta[name] === null ? null : -(delta[name] as number);
  return out;
}

const countsOf = (row: Record<string, unknown>): Counts => {
  const counts = emptyCounts();
  for (const name of COUNTED_NAMES) counts[name] = numOrNull(row[name]);
  return counts;
};

/** Each post's day rows, oldest first. */
async function postDayRows(sql: AnalyticsSql, ids: string[]): Promise<Map<string, DayPoint[]>> {
  const out = new Map<string, DayPoint[]>();
  for (const list of inLists(ids)) {
    const rows = await sql.select(
      `SELECT * FROM ${sql.q('analytics_post_days')} WHERE ${sql.q('analyticsPostId')} IN (:...list)`,
      { list },
    );
    for (const row of rows) {
      const point: DayPoint = {
        day: String(row.day),
        takenAt: dateOf(row.takenAt),
        counts: countsOf(row),
        state: 'stored',
      };
      const id = String(row.analyticsPostId);
      out.set(id, [...(out.get(id) ?? []), point]);
    }
  }
  for (const points of out.values()) points.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return out;
}

/** Each post's raw snapshots taken from `start` on, oldest first. */
async function snapshotsFrom(sql: AnalyticsSql, ids: string[], start: Date) {
  const out = new Map<string, Array<{ takenAt: Date; counts: Counts }>>();
  for (const list of inLists(ids)) {
    const rows = await sql.select(
      `SELECT * FROM ${sql.q('post_metric_snapshots')} WHERE ${sql.q('analyticsPostId')} IN (:...list) AND ${sql.q('takenAt')} >= :start`,
      { list, start },
    );
    for (const row of rows) {
      const id = String(row.analyticsPostId);
      out.set(id, [...(out.get(id) ?? []), { takenAt: dateOf(row.takenAt), counts: countsOf(row) }]);
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  return out;
}

async function tagsOf(sql: AnalyticsSql, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const list of inLists(ids)) {
    const rows = await sql.select<{ analyticsPostId: string; tag: string }>(
      `SELECT ${sql.q('analyticsPostId')}, ${sql.q('tag')} FROM ${sql.q('analytics_post_hashtags')} WHERE ${sql.q('analyticsPostId')} IN (:...list)`,
      { list },
    );
    for (const row of rows) out.set(row.analyticsPostId, [...(out.get(row.analyticsPostId) ?? []), row.tag]);
  }
  return out;
}
