import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Rows per statement: under SQLite's and SQL Server's bound-parameter limits for our widest tables. */
const CHUNK = 50;

/** What a driver offers beyond TypeORM's public `Driver` type: SQL Server wraps typed parameters. */
interface ParametrizingDriver {
  parametrizeValue?(column: ColumnMetadata, value: unknown): unknown;
}

const shapes = new WeakMap<object, Map<string, Shape>>();

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
  const driver = em.connection.driver;
  const { columns, statement } = shapeOf(em, target, rows);
  const parametrize = (driver as ParametrizingDriver).parametrizeValue?.bind(driver);
  const now = new Date();
  for (const chunk of chunks(rows as Array<Record<string, unknown>>)) {
    const values: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const stamped = column.isCreateDate || column.isUpdateDate ? now : null;
        const value = driver.preparePersistentValue(row[column.propertyName] ?? stamped, column);
        values.push(parametrize ? parametrize(column, value) : value);
      }
    }
    await em.query(statement(chunk.length), values);
  }
}

/**
 * Rows in statements of CHUNK, then of halving sizes (32, 16 … 1): a table has at most seven
 * statement shapes, so prepared statements are reused instead of one per row count.
 */
function* chunks<T>(rows: T[]): Generator<T[]> {
  let i = 0;
  for (; rows.length - i >= CHUNK; i += CHUNK) yield rows.slice(i, i + CHUNK);
  for (let size = 32; size >= 1; size /= 2) {
    if (rows.length - i >= size) {
      yield rows.slice(i, i + size);
      i += size;
    }
  }
}

interface Shape {
  columns: ColumnMetadata[];
  /** `INSERT INTO t (a, b) VALUES (?, ?), (?, ?)` in the driver's dialect, for a row count. */
  statement(rowCount: number): string;
}

/** The columns and statements for rows of one table naming the same fields, built once. */
function shapeOf(em: EntityManager, target: EntityTarget<ObjectLiteral>, rows: object[]): Shape {
  const driver = em.connection.driver;
  const metadata = em.connection.getMetadata(target);
  // Rows of one call are mostly built alike; a row naming other fields makes the shape their union.
  const named = new Set(Object.keys(rows[0]));
  for (const row of rows) for (const key of Object.keys(row)) named.add(key);
  const key = `${metadata.tableName}|${[...named].join(',')}`;
  const cache = shapes.get(driver) ?? new Map<string, Shape>();
  shapes.set(driver, cache);
  let shape = cache.get(key);
  if (!shape) {
    const columns = metadata.columns.filter((c) => named.has(c.propertyName) || c.isCreateDate || c.isUpdateDate);
    const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const statements = new Map<number, string>();
    shape = {
      columns,
      statement: (rowCount) => {
        let sql = statements.get(rowCount);
        if (!sql) {
          let index = 0;
          const tuple = () => `(${columns.map((c) => driver.createParameter(c.databaseName, index++)).join(', ')})`;
          sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${Array.from({ length: rowCount }, tuple).join(', ')}`;
          statements.set(rowCount, sql);
        }
        return sql;
      },
    };
    cache.set(key, shape);
  }
  return shape;
}
