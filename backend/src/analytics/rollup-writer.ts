import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { insertIgnoringDuplicates } from '../database/insert-ignoring-duplicates';
import { inLists } from '../database/in-lists';
import { AnalyticsAccountDay } from './analytics-account-day.entity';
import { AnalyticsBestTimeCell } from './analytics-best-time-cell.entity';
import { AnalyticsHashtagDay } from './analytics-hashtag-day.entity';
import { AnalyticsSql } from './analytics-sql';
import { COUNTED_NAMES, type CountedName } from './metric-columns';
import { addInto, type Delta, emptyCounts } from './rollup-math';

/** The gains a hashtag day keeps. */
const HASHTAG_COUNTS = ['impressions', 'reach', 'clicks', 'engagement'] as const satisfies readonly CountedName[];

interface AccountDayGain {
  workspaceId: string;
  accountId: string;
  network: NetworkId;
  day: string;
  delta: Delta;
  postsPublished: number;
}

interface WorkspaceDayGain {
  workspaceId: string;
  network: NetworkId;
  day: string;
  delta: Delta;
  postsPublished: number;
  /** Change of the sum of the accounts' follower figures (null: none changed). */
  followers: number | null;
}

interface HashtagDayGain {
  workspaceId: string;
  tag: string;
  day: string;
  delta: Delta;
  postsPublished: number;
}

interface CellGain {
  workspaceId: string;
  accountId: string;
  network: NetworkId;
  weekday: number;
  hour: number;
  posts: number;
  engagementSum: number;
  basisSum: number;
}

/** Who a gain belongs to. */
export interface GainOwner {
  workspaceId: string;
  accountId: string;
  network: NetworkId;
}

/**
 * Gains for the account-day, hashtag-day and best-time-cell rollups, summed in memory over a
 * batch and written as increments (`x = COALESCE(x, 0) + gain`): one read per table for which
 * rows exist, the missing ones inserted (ignoring one another process just inserted), then one
 * update per row touched. Increments, not absolute values, so two workers collecting other posts
 * of the same account never overwrite each other's gains.
 */
export class RollupWriter {
  private readonly accountDays = new Map<string, AccountDayGain>();
  private readonly workspaceDays = new Map<string, WorkspaceDayGain>();
  private readonly hashtagDays = new Map<string, HashtagDayGain>();
  private readonly cells = new Map<string, CellGain>();

  addAccountDay(owner: GainOwner, day: string, delta: Delta | null, postsPublished = 0): void {
    const key = `${owner.accountId}|${day}`;
    let gain = this.accountDays.get(key);
    if (!gain) {
      const { workspaceId, accountId, network } = owner;
      gain = { workspaceId, accountId, network, day, delta: emptyCounts(), postsPublished: 0 };
      this.accountDays.set(key, gain);
    }
    if (delta) addInto(gain.delta, delta);
    gain.postsPublished += postsPublished;
    const total = this.workspaceDay(owner, day);
    if (delta) addInto(total.delta, delta);
    total.postsPublished += postsPublished;
  }

  /** An account's follower figure of a day changed by `change`: the workspace day's sum follows. */
  addWorkspaceFollowers(owner: GainOwner, day: string, change: number): void {
    const total = this.workspaceDay(owner, day);
    total.followers = (total.followers ?? 0) + change;
  }

  private workspaceDay({ workspaceId, network }: GainOwner, day: string): WorkspaceDayGain {
    const key = `${workspaceId}|${day}|${network}`;
    let gain = this.workspaceDays.get(key);
    if (!gain) {
      gain = { workspaceId, network, day, delta: emptyCounts(), postsPublished: 0, followers: null };
      this.workspaceDays.set(key, gain);
    }
    return gain;
  }

  addHashtagDay(workspaceId: string, tag: string, day: string, delta: Delta | null, postsPublished = 0): void {
    const key = `${workspaceId}|${tag}|${day}`;
    let gain = this.hashtagDays.get(key);
    if (!gain) this.hashtagDays.set(key, (gain = { workspaceId, tag, day, delta: emptyCounts(), postsPublished: 0 }));
    if (delta) addInto(gain.delta, delta);
    gain.postsPublished += postsPublished;
  }

  addCell(
    owner: GainOwner,
    weekday: number,
    hour: number,
    change: Pick<CellGain, 'posts' | 'engagementSum' | 'basisSum'>,
  ) {
    const key = `${owner.accountId}|${weekday}|${hour}`;
    let gain = this.cells.get(key);
    if (!gain) {
      const { workspaceId, accountId, network } = owner;
      gain = { workspaceId, accountId, network, weekday, hour, posts: 0, engagementSum: 0, basisSum: 0 };
      this.cells.set(key, gain);
    }
    gain.posts += change.posts;
    gain.engagementSum += change.engagementSum;
    gain.basisSum += change.basisSum;
  }

  async flush(sql: AnalyticsSql): Promise<void> {
    await this.flushAccountDays(sql);
    await this.flushWorkspaceDays(sql);
    await this.flushHashtagDays(sql);
    await this.flushCells(sql);
  }

  private async flushAccountDays(sql: AnalyticsSql): Promise<void> {
    const gains = inKeyOrder(this.accountDays);
    if (!gains.length) return;
    const existing = new Set<string>();
    const days = [...new Set(gains.map((g) => g.day))];
    for (const accounts of inLists([...new Set(gains.map((g) => g.accountId))])) {
      const rows = await sql.select<{ accountId: string; day: string }>(
        `SELECT ${sql.q('accountId')}, ${sql.q('day')} FROM ${sql.q('analytics_account_days')} WHERE ${sql.q('accountId')} IN (:...accounts) AND ${sql.q('day')} IN (:...days)`,
        { accounts, days },
      );
      for (const row of rows) existing.add(`${row.accountId}|${row.day}`);
    }
    await insertMissing(
      sql,
      AnalyticsAccountDay,
      gains
        .filter((g) => !existing.has(`${g.accountId}|${g.day}`))
        .map((g) => ({
          accountId: g.accountId,
          day: g.day,
          workspaceId: g.workspaceId,
          network: g.network,
          postsPublished: 0,
        })),
    );
    for (const gain of gains) {
      await increment(sql, 'analytics_account_days', gain.delta, COUNTED_NAMES, gain.postsPublished, {
        accountId: gain.accountId,
        day: gain.day,
      });
    }
  }

  /** One upsert per workspace day touched (the rows are few: days × networks). */
  private async flushWorkspaceDays(sql: AnalyticsSql): Promise<void> {
    const added = [...COUNTED_NAMES, 'postsPublished', 'followers'] as const;
    const keys = ['workspaceId', 'day', 'network'] as const;
    const statement = sql.statement('workspace-days+', () =>
      sql.dialect.addingUpsert({
        table: sql.q('analytics_workspace_days'),
        keys: keys.map((k) => sql.q(k)),
        added: added.map((c) => sql.q(c)),
        params: [...keys, ...added].map((_, i) => sql.p(i)),
      }),
    );
    for (const gain of inKeyOrder(this.workspaceDays)) {
      const counts = COUNTED_NAMES.map((c) => gain.delta[c]);
      if (counts.every((v) => v === null) && !gain.postsPublished && gain.followers === null) continue;
      await sql.run(statement, [
        gain.workspaceId,
        gain.day,
        gain.network,
        ...counts,
        gain.postsPublished,
        gain.followers,
      ]);
    }
  }

  private async flushHashtagDays(sql: AnalyticsSql): Promise<void> {
    const gains = inKeyOrder(this.hashtagDays);
    if (!gains.length) return;
    const existing = new Set<string>();
    const workspaces = [...new Set(gains.map((g) => g.workspaceId))];
    const days = [...new Set(gains.map((g) => g.day))];
    for (const tags of inLists([...new Set(gains.map((g) => g.tag))])) {
      const rows = await sql.select<{ workspaceId: string; tag: string; day: string }>(
        `SELECT ${sql.q('workspaceId')}, ${sql.q('tag')}, ${sql.q('day')} FROM ${sql.q('analytics_hashtag_days')} WHERE ${sql.q('workspaceId')} IN (:...workspaces) AND ${sql.q('tag')} IN (:...tags) AND ${sql.q('day')} IN (:...days)`,
        { workspaces, tags, days },
      );
      for (const row of rows) existing.add(`${row.workspaceId}|${row.tag}|${row.day}`);
    }
    await insertMissing(
      sql,
      AnalyticsHashtagDay,
      gains
        .filter((g) => !existing.has(`${g.workspaceId}|${g.tag}|${g.day}`))
        .map((g) => ({ workspaceId: g.workspaceId, tag: g.tag, day: g.day, postsPublished: 0 })),
    );
    for (const gain of gains) {
      await increment(sql, 'analytics_hashtag_days', gain.delta, HASHTAG_COUNTS, gain.postsPublished, {
        workspaceId: gain.workspaceId,
        tag: gain.tag,
        day: gain.day,
      });
    }
  }

  private async flushCells(sql: AnalyticsSql): Promise<void> {
    const gains = inKeyOrder(this.cells);
    if (!gains.length) return;
    const existing = new Set<string>();
    const workspaces = [...new Set(gains.map((g) => g.workspaceId))];
    const weekdays = [...new Set(gains.map((g) => g.weekday))];
    const hours = [...new Set(gains.map((g) => g.hour))];
    for (const accounts of inLists([...new Set(gains.map((g) => g.accountId))])) {
      const rows = await sql.select<{ accountId: string; weekday: number; hour: number }>(
        `SELECT ${sql.q('accountId')}, ${sql.q('weekday')}, ${sql.q('hour')} FROM ${sql.q('analytics_best_time_cells')} WHERE ${sql.q('workspaceId')} IN (:...workspaces) AND ${sql.q('accountId')} IN (:...accounts) AND ${sql.q('weekday')} IN (:...weekdays) AND ${sql.q('hour')} IN (:...hours)`,
        { workspaces, accounts, weekdays, hours },
      );
      for (const row of rows) existing.add(`${row.accountId}|${Number(row.weekday)}|${Number(row.hour)}`);
    }
    await insertMissing(
      sql,
      AnalyticsBestTimeCell,
      gains
        .filter((g) => !existing.has(`${g.accountId}|${g.weekday}|${g.hour}`))
        .map(({ workspaceId, accountId, network, weekday, hour }) => ({
          workspaceId,
          accountId,
          network,
          weekday,
          hour,
          posts: 0,
          engagementSum: 0,
          basisSum: 0,
        })),
    );
    const statement = sql.statement('cells+ws', () => {
      const sets = ['posts', 'engagementSum', 'basisSum'].map((c, i) => `${sql.q(c)} = ${sql.q(c)} + ${sql.p(i)}`);
      const where = ['workspaceId', 'accountId', 'weekday', 'hour'].map((c, i) => `${sql.q(c)} = ${sql.p(i + 3)}`);
      return `UPDATE ${sql.q('analytics_best_time_cells')} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`;
    });
    for (const g of gains) {
      if (!g.posts && !g.engagementSum && !g.basisSum) continue;
      await sql.run(statement, [g.posts, g.engagementSum, g.basisSum, g.workspaceId, g.accountId, g.weekday, g.hour]);
    }
  }
}

/**
 * Rows in one order for every writer: two transactions incrementing the same rows lock them in
 * the same order and wait for each other instead of deadlocking (PostgreSQL, SQL Server).
 */
function inKeyOrder<T>(gains: Map<string, T>): T[] {
  return [...gains.keys()].sort().map((key) => gains.get(key)!);
}

/**
 * `UPDATE table SET c = COALESCE(c, 0) + gain … WHERE key`: only the counts with a provided gain
 * (a null gain leaves the column as it is, null when nothing was ever provided).
 */
async function increment(
  sql: AnalyticsSql,
  table: string,
  delta: Delta,
  names: readonly CountedName[],
  postsPublished: number,
  key: Record<string, string>,
): Promise<void> {
  const columns: string[] = names.filter((name) => delta[name] !== null);
  const values: unknown[] = columns.map((name) => delta[name as CountedName]);
  if (postsPublished) {
    columns.push('postsPublished');
    values.push(postsPublished);
  }
  if (!columns.length) return;
  const keys = Object.keys(key);
  const statement = sql.statement(`${table}+${columns.join(',')}`, () => {
    const sets = columns.map((c, i) =>
      c === 'postsPublished'
        ? `${sql.q(c)} = ${sql.q(c)} + ${sql.p(i)}`
        : `${sql.q(c)} = COALESCE(${sql.q(c)}, 0) + ${sql.p(i)}`,
    );
    const where = keys.map((c, i) => `${sql.q(c)} = ${sql.p(columns.length + i)}`);
    return `UPDATE ${sql.q(table)} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`;
  });
  await sql.run(statement, [...values, ...keys.map((k) => key[k])]);
}

/** Rows not found by the read, inserted unless another process has just inserted them. */
export async function insertMissing<E extends ObjectLiteral>(sql: AnalyticsSql, target: EntityTarget<E>, rows: E[]) {
  if (!rows.length) return;
  if (sql.em.connection.options.type === 'mssql') return insertIgnoringDuplicates(sql.em, target, rows);
  for (let i = 0; i < rows.length; i += 100) {
    await sql.em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + 100) as never)
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}
