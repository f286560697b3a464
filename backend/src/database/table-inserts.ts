import { EntityManager } from 'typeorm';

/** Bound parameters per statement: under SQL Server's 2,100. */
const PARAMETERS = 2000;

/**
 * Inserts plain rows into a table by name, in statements under SQL Server's parameter limit: for
 * migrations, which write the schema as it stands at their point in history, not through today's entities.
 */
export async function insertIntoTable(
  db: EntityManager,
  table: string,
  columns: string[],
  rows: object[],
): Promise<void> {
  const perStatement = Math.floor(PARAMETERS / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .createQueryBuilder()
      .insert()
      .into(table, columns)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}
