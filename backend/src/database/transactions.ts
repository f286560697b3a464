import { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction` that also works when several run at once on SQLite. TypeORM gives
 * SQLite one connection, so a second BEGIN while one is open fails ("cannot start a transaction
 * within a transaction"); there, transactions take turns. PostgreSQL and SQL Server use a pool
 * and run them side by side.
 */
export function inTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, run);
  return run;
}
