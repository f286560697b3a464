import type { EntityManager } from 'typeorm';
import { COUNTED_NAMES } from './metric-columns';

const SUMMED = [...COUNTED_NAMES, 'postsPublished', 'followers'] as const;

/**
 * Sets a workspace's day rollup to the sums of its account days, from `fromDay` on (all days when
 * omitted). Ingestion keeps the two in step by increments; this is for the times the account days
 * are rewritten as a whole (a time-zone rebuild, rows written directly by tests and tools).
 */
export async function sumWorkspaceDays(em: EntityManager, workspaceId: string, fromDay = ''): Promise<void> {
  const q = (name: string) => em.connection.driver.escape(name);
  const params = { workspaceId, fromDay };
  const run = (sql: string) => {
    const [text, values] = em.connection.driver.escapeQueryWithParameters(sql, params);
    return em.query(text, values);
  };
  await run(
    `DELETE FROM ${q('analytics_workspace_days')} WHERE ${q('workspaceId')} = :workspaceId AND ${q('day')} >= :fromDay`,
  );
  await run(
    `INSERT INTO ${q('analytics_workspace_days')} (${['workspaceId', 'day', 'network', ...SUMMED].map(q).join(', ')})
     SELECT ${q('workspaceId')}, ${q('day')}, ${q('network')}, ${SUMMED.map((m) => `SUM(${q(m)})`).join(', ')}
     FROM ${q('analytics_account_days')} WHERE ${q('workspaceId')} = :workspaceId AND ${q('day')} >= :fromDay
     GROUP BY ${q('workspaceId')}, ${q('day')}, ${q('network')}`,
  );
}
