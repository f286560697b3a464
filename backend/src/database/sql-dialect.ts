/**
 * The few places where raw SQL differs between the databases we run on (SQLite in development
 * and tests, PostgreSQL, SQL Server in production): first-n rows and upserts. Everything else
 * the raw statements use (quoted names, CASE, COALESCE, window functions, UNION ALL) is written
 * once, in the common subset. Names go in already quoted by the driver (`driver.escape`).
 */
export type DialectName = 'sqlite' | 'postgres' | 'mssql';

/** The dialect of a TypeORM data source's driver. */
export function dialectOf(source: { options: { type: string } }): DialectName {
  const type = source.options.type;
  if (type === 'better-sqlite3' || type === 'sqlite') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  if (type === 'mssql') return 'mssql';
  throw new Error(`No SQL dialect for database type ${type}`);
}

/** An upsert that adds to counters: the row is created with the values or has them added. */
export interface AddingUpsert {
  /** Quoted table name. */
  table: string;
  /** Quoted key columns (the table's primary key). */
  keys: string[];
  /** Quoted counter columns: a null value leaves the column as it is (null until a value comes). */
  added: string[];
  /** Placeholders in the driver's form, keys first, then the counters. */
  params: string[];
}

export class SqlDialect {
  constructor(readonly name: DialectName) {}

  /**
   * `select` limited to its first `count` rows (count is a placeholder or a number): `TOP (n)` on
   * SQL Server, `LIMIT n` elsewhere. `select` must start with SELECT and carry its ORDER BY.
   */
  firstRows(select: string, count: string | number): string {
    const text = select.trim();
    if (!/^select\s/i.test(text)) throw new Error('firstRows needs a SELECT statement');
    if (this.name === 'mssql') return `SELECT TOP (${count}) ${text.slice(6).trimStart()}`;
    return `${text} LIMIT ${count}`;
  }

  /** `CASE … THEN 1 ELSE 0 END` ordering key that puts rows where `expr` is null last. */
  nullsLast(expr: string): string {
    // SQL Server has no boolean expressions in ORDER BY, and the databases disagree where NULLs go.
    return `CASE WHEN ${expr} IS NULL THEN 1 ELSE 0 END`;
  }

  /**
   * Insert the row, or add its counters to the existing one, in one statement: `ON CONFLICT … DO
   * UPDATE` on SQLite and PostgreSQL, `MERGE … WITH (HOLDLOCK)` on SQL Server (HOLDLOCK keeps a
   * concurrent MERGE of the same key from inserting it twice).
   */
  addingUpsert({ table, keys, added, params }: AddingUpsert): string {
    const columns = [...keys, ...added];
    if (params.length !== columns.length) throw new Error('addingUpsert: one placeholder per column');
    const sum = (current: string, incoming: string) =>
      `CASE WHEN ${incoming} IS NULL THEN ${current} ELSE COALESCE(${current}, 0) + ${incoming} END`;
    if (this.name === 'mssql') {
      const source = columns.map((c, i) => `${params[i]} AS ${c}`).join(', ');
      const on = keys.map((k) => `t.${k} = s.${k}`).join(' AND ');
      const sets = added.map((c) => `${c} = ${sum(`t.${c}`, `s.${c}`)}`).join(', ');
      return (
        `MERGE INTO ${table} WITH (HOLDLOCK) AS t USING (SELECT ${source}) AS s ON ${on} ` +
        `WHEN MATCHED THEN UPDATE SET ${sets} ` +
        `WHEN NOT MATCHED THEN INSERT (${columns.join(', ')}) VALUES (${columns.map((c) => `s.${c}`).join(', ')});`
      );
    }
    const sets = added.map((c) => `${c} = ${sum(`${table}.${c}`, `excluded.${c}`)}`).join(', ');
    return (
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${params.join(', ')}) ` +
      `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets}`
    );
  }
}

const dialects = new Map<DialectName, SqlDialect>();

/** The dialect object of a data source (one per dialect, they hold no state). */
export function sqlDialect(source: { options: { type: string } }): SqlDialect {
  const name = dialectOf(source);
  let dialect = dialects.get(name);
  if (!dialect) dialects.set(name, (dialect = new SqlDialect(name)));
  return dialect;
}
