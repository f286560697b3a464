import type { EntityManager } from 'typeorm';
import type { AccountStatsEvent } from '../common/domain-events';
import type { AccountStats } from '../connectors/connector';
import type { NetworkId } from '../connectors/network-limits';
import { inLists } from '../database/in-lists';
import { AnalyticsSql, numOrNull } from './analytics-sql';
import { AnalyticsAccount } from './analytics-account.entity';
import { insertMissing, RollupWriter } from './rollup-writer';

export interface AccountStatsEntry {
  accountId: string;
  /** YYYY-MM-DD in the workspace's time zone. */
  day: string;
  stats: AccountStats;
}

const STAT_COLUMNS = ['followers', 'following', 'posts', 'profileViews'] as const;

/**
 * Writes accounts' figures into their day rows (creating them where the day had no post yet) and
 * notes the day as the account's last read one. Entries of accounts that do not exist are skipped.
 */
export class AccountStatsWriter {
  private readonly sql: AnalyticsSql;

  constructor(em: EntityManager) {
    this.sql = new AnalyticsSql(em);
  }

  async write(entries: AccountStatsEntry[]): Promise<AccountStatsEvent[]> {
    const accounts = await this.accounts([...new Set(entries.map((e) => e.accountId))]);
    const known = entries.filter((e) => accounts.has(e.accountId));
    const rows = new RollupWriter();
    for (const entry of known) rows.addAccountDay(accounts.get(entry.accountId)!, entry.day, null);
    await rows.flush(this.sql);
    const { sql } = this;
    const statement = sql.statement('account-day-stats=', () => {
      const sets = STAT_COLUMNS.map((c, i) => `${sql.q(c)} = ${sql.p(i)}`);
      return `UPDATE ${sql.q('analytics_account_days')} SET ${sets.join(', ')} WHERE ${sql.q('accountId')} = ${sql.p(4)} AND ${sql.q('day')} = ${sql.p(5)}`;
    });
    const followers = await this.followersOf(known);
    const totals = new RollupWriter();
    for (const { accountId, day, stats } of known) {
      await sql.run(statement, [...STAT_COLUMNS.map((c) => stats[c] ?? null), accountId, day]);
      const key = `${accountId}|${day}`;
      const before = followers.get(key) ?? null;
      const after = stats.followers ?? null;
      if (before !== after) totals.addWorkspaceFollowers(accounts.get(accountId)!, day, (after ?? 0) - (before ?? 0));
      followers.set(key, after);
    }
    await totals.flush(sql);
    await this.noteLastDays(known, accounts);
    return known.map(({ accountId, day, stats }) => ({
      workspaceId: accounts.get(accountId)!.workspaceId,
      accountId,
      day,
      stats: {
        followers: stats.followers,
        following: stats.following,
        posts: stats.posts,
        profileViews: stats.profileViews,
      },
    }));
  }

  /** The follower figures the entries' day rows hold now, by `accountId|day`. */
  private async followersOf(entries: AccountStatsEntry[]): Promise<Map<string, number | null>> {
    const { sql } = this;
    const found = new Map<string, number | null>();
    const days = [...new Set(entries.map((e) => e.day))];
    for (const accounts of inLists([...new Set(entries.map((e) => e.accountId))])) {
      const rows = await sql.select<{ accountId: string; day: string; followers: unknown }>(
        `SELECT ${sql.q('accountId')}, ${sql.q('day')}, ${sql.q('followers')} FROM ${sql.q('analytics_account_days')} WHERE ${sql.q('accountId')} IN (:...accounts) AND ${sql.q('day')} IN (:...days)`,
        { accounts, days },
      );
      for (const row of rows) found.set(`${row.accountId}|${row.day}`, numOrNull(row.followers));
    }
    return found;
  }

  private async accounts(ids: string[]) {
    const found = new Map<string, { workspaceId: string; accountId: string; network: NetworkId }>();
    for (const list of inLists(ids)) {
      const rows = await this.sql.select<{ id: string; workspaceId: string; network: NetworkId }>(
        `SELECT ${this.sql.q('id')}, ${this.sql.q('workspaceId')}, ${this.sql.q('network')} FROM ${this.sql.q('social_accounts')} WHERE ${this.sql.q('id')} IN (:...list)`,
        { list },
      );
      for (const row of rows)
        found.set(row.id, { workspaceId: row.workspaceId, accountId: row.id, network: row.network });
    }
    return found;
  }

  private async noteLastDays(
    entries: AccountStatsEntry[],
    accounts: Map<string, { workspaceId: string; accountId: string; network: NetworkId }>,
  ): Promise<void> {
    const last = new Map<string, string>();
    for (const { accountId, day } of entries) if (day > (last.get(accountId) ?? '')) last.set(accountId, day);
    const { sql } = this;
    const statement = sql.statement(
      'analytics-account-stats-day=',
      () =>
        `UPDATE ${sql.q('analytics_accounts')} SET ${sql.q('lastStatsDay')} = ${sql.p(0)} WHERE ${sql.q('accountId')} = ${sql.p(1)} AND (${sql.q('lastStatsDay')} IS NULL OR ${sql.q('lastStatsDay')} < ${sql.p(2)})`,
    );
    await ensureAnalyticsAccounts(
      sql,
      [...last.keys()].map((id) => accounts.get(id)!),
    );
    for (const [accountId, day] of last) await sql.run(statement, [day, accountId, day]);
  }
}

/** Analytics' own row for each account, created on first need. */
export async function ensureAnalyticsAccounts(
  sql: AnalyticsSql,
  accounts: Array<{ workspaceId: string; accountId: string; network: NetworkId }>,
): Promise<void> {
  if (!accounts.length) return;
  const existing = new Set<string>();
  for (const list of inLists(accounts.map((a) => a.accountId))) {
    const rows = await sql.select<{ accountId: string }>(
      `SELECT ${sql.q('accountId')} FROM ${sql.q('analytics_accounts')} WHERE ${sql.q('accountId')} IN (:...list)`,
      { list },
    );
    for (const row of rows) existing.add(row.accountId);
  }
  const missing = accounts.filter((a) => !existing.has(a.accountId));
  await insertMissing(
    sql,
    AnalyticsAccount,
    missing.map(({ accountId, workspaceId, network }) => ({ accountId, workspaceId, network }) as AnalyticsAccount),
  );
}
