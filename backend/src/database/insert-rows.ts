import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Rows per statement: under SQLite's and SQL Server's bound-parameter limits for our widest tables. */
const CHUNK = 50;

/**
 * Inserts rows without reading them back. TypeORM's `insert` selects each new row again to fill
 * database defaults (`createdAt` …) into the object, a second statement per row on SQLite; hot
 * paths whose callers never look at those columns write through this instead.
 */
export async function insertRows<E extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<E>,
  rows: Array<QueryDeepPartialEntity<E>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(i, i + CHUNK))
      .updateEntity(false)
      .execute();
  }
}
