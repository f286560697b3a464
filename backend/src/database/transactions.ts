import { DataSource, EntityManager } from 'typeorm';

/** Transactions committed together at most: bounds how long the first of them waits for its commit. */
const MAX_GROUP = 200;

interface Pending {
  work: (em: EntityManager) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Group {
  pending: Pending[];
  committing: boolean;
}

const groups = new WeakMap<DataSource, Group>();

/**
 * `dataSource.transaction` that also works when many run at once on SQLite, and commits them in
 * groups there. TypeORM gives SQLite one connection, so a second BEGIN while one is open fails;
 * instead, transactions that arrive while a group is being written wait for the next group, which
 * runs them one after another inside one BEGIN … COMMIT, each in its own savepoint: a work that
 * fails rolls back alone and its caller gets the error, the others commit. Under load a group
 * grows with the load, so one commit serves many callers (a webhook burst: ~one per 30 events).
 * Each caller's promise settles only once its group has committed. PostgreSQL and SQL Server use
 * a pool and run transactions side by side.
 */
export function inTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  let group = groups.get(dataSource);
  if (!group) groups.set(dataSource, (group = { pending: [], committing: false }));
  const joined = group;
  return new Promise<T>((resolve, reject) => {
    joined.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (joined.committing) return;
    joined.committing = true;
    // The rest of this turn's callers join the first group.
    setImmediate(() => void commitGroups(dataSource, joined));
  });
}

async function commitGroups(dataSource: DataSource, group: Group): Promise<void> {
  while (group.pending.length) {
    const batch = group.pending.splice(0, MAX_GROUP);
    const outcomes: Array<{ value: unknown } | { error: unknown }> = [];
    try {
      await dataSource.transaction(async (em) => {
        for (const { work } of batch) outcomes.push(await inSavepoint(em, work));
      });
    } catch (error) {
      for (const { reject } of batch) reject(error);
      continue;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.value);
    });
  }
  group.committing = false;
}

/**
 * One work of a group, in a savepoint of its own: its writes are undone alone if it fails. Plain
 * statements, not a nested `em.transaction`, which would add TypeORM's transaction events to
 * every webhook twice over.
 */
async function inSavepoint(
  em: EntityManager,
  work: (em: EntityManager) => Promise<unknown>,
): Promise<{ value: unknown } | { error: unknown }> {
  await em.query('SAVEPOINT group_work');
  try {
    const value = await work(em);
    await em.query('RELEASE group_work');
    return { value };
  } catch (error) {
    await em.query('ROLLBACK TO group_work');
    await em.query('RELEASE group_work');
    return { error };
  }
}
