import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Rows per statement: under SQLite's and SQL Server's bound-parameter limits for our widest tables. */
const CHUNK = 50;

/** What a driver offers beyond TypeORM's public `Driver` type: SQL Server wraps typed parameters. */
interface ParametrizingDriver {
  parametrizeValue?(column: ColumnMetadata, value: unknown): unknown;
}

const statements = new WeakMap<object, Map<string, string>>();

/**
 * Inserts rows without reading them back, for hot paths whose callers never look at database
 * defaults. TypeORM's `insert` re-selects each new row on SQLite, and its query builder rebuilds
 * and re-scans the SQL text on every call (a third of the CPU of a webhook burst); here the
 * statement for a table, column set and row count is built once from the entity's metadata with
 * the driver's own placeholders and value conversions, so it stays portable across SQLite,
 * PostgreSQL and SQL Server. Creation and update timestamps are set to now; columns no row names
 * take their database default.
 */
export async function insertRows<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  rows: Array<QueryDeepPartialEntity<E>>,
): Promise<void> {
  if (!rows.length) return;
  const metadata = em.connection.getMetadata(target);
  const named = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = metadata.columns.filter((c) => named.has(c.propertyName) || c.isCreateDate || c.isUpdateDate);
  const driver = em.connection.driver;
  const parametrize = (driver as ParametrizingDriver).parametrizeValue?.bind(driver);
  const now = new Date();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK) as Array<Record<string, unknown>>;
    const values = chunk.flatMap((row) =>
      columns.map((column) => {
        const stamped = column.isCreateDate || column.isUpdateDate ? now : null;
        const value = driver.preparePersistentValue(row[column.propertyName] ?? stamped, column);
        return parametrize ? parametrize(column, value) : value;
      }),
    );
    await em.query(statement(em, metadata.tableName, columns, chunk.length), values);
  }
}

/** `INSERT INTO t (a, b) VALUES (?, ?), (?, ?)` in the driver's dialect, built once per shape. */
function statement(em: EntityManager, table: string, columns: ColumnMetadata[], rowCount: number): string {
  const driver = em.connection.driver;
  const cache = statements.get(driver) ?? new Map<string, string>();
  statements.set(driver, cache);
  const key = `${table}|${columns.map((c) => c.databaseName).join(',')}|${rowCount}`;
  let sql = cache.get(key);
  if (!sql) {
    let index = 0;
    const tuple = () => `(${columns.map((c) => driver.createParameter(c.databaseName, index++)).join(', ')})`;
    const tuples = Array.from({ length: rowCount }, tuple).join(', ');
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    sql = `INSERT INTO ${driver.escape(table)} (${names}) VALUES ${tuples}`;
    cache.set(key, sql);
  }
  return sql;
}
