import type { EntityManager } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { sqlDialect, type SqlDialect } from '../database/sql-dialect';

export type Row = Record<string, unknown>;

const statementsByDriver = new WeakMap<object, Map<string, string>>();

interface SqliteStatement {
  run(values: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}
const preparedBySql = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

/** better-sqlite3's database behind TypeORM's driver (one connection: the transaction's). */
function sqliteConnection(em: EntityManager): SqliteDatabase | null {
  const connection = (em.connection.driver as unknown as { databaseConnection?: SqliteDatabase }).databaseConnection;
  return connection && typeof connection.prepare === 'function' ? connection : null;
}

/**
 * Raw statements for ingestion's hot path, portable across SQLite, PostgreSQL and SQL Server:
 * names quoted by the driver (PostgreSQL folds unquoted ones to lower case), placeholders in its
 * dialect, and Dates in the form its columns store. A statement's text is built once per shape
 * and reused, so the driver's prepared-statement cache serves it.
 */
export class AnalyticsSql {
  private readonly sqlite: boolean;
  private readonly statements: Map<string, string>;
  readonly dialect: SqlDialect;

  constructor(readonly em: EntityManager) {
    this.sqlite = em.connection.options.type === 'better-sqlite3';
    this.dialect = sqlDialect(em.connection);
    const driver = em.connection.driver;
    this.statements = statementsByDriver.get(driver) ?? new Map<string, string>();
    statementsByDriver.set(driver, this.statements);
  }

  q(name: string): string {
    return this.em.connection.driver.escape(name);
  }

  /** The i-th placeholder (0-based). */
  p(index: number): string {
    return this.em.connection.driver.createParameter(`p${index}`, index);
  }

  /** A statement built once per `key`. */
  statement(key: string, build: () => string): string {
    let sql = this.statements.get(key);
    if (!sql) this.statements.set(key, (sql = build()));
    return sql;
  }

  value(value: unknown): unknown {
    if (value instanceof Date && this.sqlite) return DateUtils.mixedDateToUtcDatetimeString(value);
    if (typeof value === 'boolean' && this.sqlite) return value ? 1 : 0;
    return value;
  }

  /**
   * A write statement. On SQLite it runs on the connection's own prepared statement (the
   * transaction is that connection's): TypeORM's per-query wrapping costs as much as the update.
   */
  async run(sql: string, values: unknown[]): Promise<void> {
    const converted = values.map((v) => this.value(v));
    const sqlite = this.sqlite ? sqliteConnection(this.em) : null;
    if (!sqlite) {
      await this.em.query(sql, converted);
      return;
    }
    let prepared = preparedBySql.get(sqlite);
    if (!prepared) preparedBySql.set(sqlite, (prepared = new Map()));
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = sqlite.prepare(sql)));
    statement.run(converted);
  }

  /** Named-parameter SQL (`:day`, `(:...ids)`), for reads built once per batch. */
  select<T extends Row = Row>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const converted = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => this.value(x)) : this.value(v)]),
    );
    const [text, values] = this.em.connection.driver.escapeQueryWithParameters(sql, converted);
    return this.em.query(text, values) as Promise<T[]>;
  }
}

/** A Date from a row: SQLite answers the stored UTC text, the others a Date. */
export function dateOf(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** A number or null from a row (PostgreSQL answers big sums as strings). */
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : typeof value === 'number' ? value : Number(value);
