import type { DataSource, EntityManager } from 'typeorm';
import { sqlDialect, type SqlDialect } from '../../database/sql-dialect';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/**
 * Runs named-parameter SQL (`:workspaceId`, `(:...ids)`) on either database: the driver turns the
 * names into its own placeholders and a Date into the form its columns store. Column names are
 * quoted (`"workspaceId"`) because PostgreSQL folds unquoted names to lower case.
 */
export async function select<T extends Row = Row>(
  db: DataSource | EntityManager,
  sql: string,
  params: Params = {},
): Promise<T[]> {
  const source = 'connection' in db ? db.connection : db;
  const [text, values] = source.driver.escapeQueryWithParameters(sql, params);
  return (await db.query(text, values)) as T[];
}

/** The SQL dialect of `db` (first rows, upserts: `database/sql-dialect.ts`). */
export const dialect = (db: DataSource | EntityManager): SqlDialect =>
  sqlDialect('connection' in db ? db.connection : db);

/** A number from a row: PostgreSQL answers SUM and COUNT as strings (bigint, numeric). */
export const num = (value: unknown): number | null =>
  value === null || value === undefined ? null : typeof value === 'number' ? value : Number(value);

/** `num` for counts, where no rows means 0. */
export const count = (value: unknown): number => num(value) ?? 0;

/** part ÷ whole × 100, rounded to two decimals; null when either is missing or the whole is 0. */
export function percent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 10_000) / 100;
}

/** Change from `previous` to `value` in percent; null when there is nothing to compare with. */
export function changePercent(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return Math.round(((value - previous) / Math.abs(previous)) * 10_000) / 100;
}

/** A Date from a row: SQLite answers the stored UTC text, PostgreSQL a Date. */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
