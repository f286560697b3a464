import type { AnalyticsAccount } from './analytics-account.entity';
import type { AnalyticsSql } from './analytics-sql';

type AccountChange = Partial<Pick<AnalyticsAccount, 'unavailableReason' | 'lastSyncAt' | 'lastListedAt'>>;

/**
 * Writes analytics_accounts' state: the reason metrics cannot be read (set when a read fails for
 * a reason a person must fix, cleared when a read succeeds again), sync and import times.
 */
export async function markAccount(sql: AnalyticsSql, accountId: string, change: AccountChange): Promise<void> {
  const columns = Object.keys(change) as Array<keyof AccountChange>;
  const statement = sql.statement(`analytics-account=${columns.join(',')}`, () => {
    const sets = columns.map((c, i) => `${sql.q(c)} = ${sql.p(i)}`);
    return `UPDATE ${sql.q('analytics_accounts')} SET ${sets.join(', ')} WHERE ${sql.q('accountId')} = ${sql.p(columns.length)}`;
  });
  await sql.run(statement, [...columns.map((c) => change[c]), accountId]);
}
