import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';

const CHUNK = 100;

/**
 * Inserts rows, silently skipping any that collide with a unique key: `ON CONFLICT DO NOTHING`
 * on SQLite and PostgreSQL; SQL Server has no such clause, so rows go one by one there and a
 * duplicate-key error (2601/2627) is the same "already there".
 */
export async function insertIgnoringDuplicates<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  rows: E[],
): Promise<void> {
  const type = em.connection.options.type;
  if (type === 'mssql') {
    for (const row of rows) {
      try {
        await em.insert(target, row as never);
      } catch (error) {
        const code = (error as QueryFailedError & { driverError?: { number?: number } }).driverError?.number;
        if (!(error instanceof QueryFailedError) || (code !== 2601 && code !== 2627)) throw error;
      }
    }
    return;
  }
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK) as never)
      .orIgnore()
      .execute();
  }
}
