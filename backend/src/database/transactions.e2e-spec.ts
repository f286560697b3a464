import { describe, expect, it } from 'vitest';
import { DataSource, Like } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { insertRows } from './insert-rows';
import { inTransaction } from './transactions';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';

describe.each(DATABASE_KINDS)('inTransaction on %s', (kind) => {
  const migrated = migratedDatabase(kind);

  const post = (id: string) => ({
    id,
    accountExternalId: 'acct-1',
    idempotencyKey: `key-${id}`,
    postType: 'text',
    text: id,
    link: null,
    media: [],
    deletedAt: null,
  });
  const stored = async (prefix: string) =>
    (
      await migrated.dataSource
        .getRepository(SandboxPost)
        .find({ where: { id: Like(`${prefix}%`) }, order: { id: 'ASC' } })
    ).map((p) => p.id);

  it('runs many at once, each seeing its own writes, and answers each with its own result', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `a${String(i).padStart(3, '0')}`);
    const results = await Promise.all(
      ids.map((id) =>
        inTransaction(migrated.dataSource, async (em) => {
          await insertRows(em, SandboxPost, [post(id)]);
          return (await em.findOneByOrFail(SandboxPost, { id })).text;
        }),
      ),
    );
    expect(results).toEqual(ids);
    expect(await stored('a')).toEqual(ids);
  });

  it('rolls back a failing one alone: its writes are gone, the others commit, its caller gets its error', async () => {
    const outcomes = await Promise.allSettled(
      ['b1', 'b2', 'b3'].map((id) =>
        inTransaction(migrated.dataSource, async (em) => {
          await insertRows(em, SandboxPost, [post(id)]);
          if (id === 'b2') throw new Error('b2 changed its mind');
          return id;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      'b1',
      'b2 changed its mind',
      'b3',
    ]);
    expect(await stored('b')).toEqual(['b1', 'b3']);
  });

  it('rolls back a work whose statement fails (a duplicate key) and keeps the rest of its group', async () => {
    const outcomes = await Promise.allSettled([
      inTransaction(migrated.dataSource, (em) => insertRows(em, SandboxPost, [post('c1')])),
      inTransaction(migrated.dataSource, async (em) => {
        await insertRows(em, SandboxPost, [post('c2')]);
        await insertRows(em, SandboxPost, [post('b1')]);
      }),
      inTransaction(migrated.dataSource, (em) => insertRows(em, SandboxPost, [post('c3')])),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await stored('c')).toEqual(['c1', 'c3']);
  });

  it('settles a caller only after its writes are committed (seen from another connection)', async () => {
    const other = await new DataSource(dataSourceOptions(migrated.database.url)).initialize();
    try {
      await inTransaction(migrated.dataSource, (em) => insertRows(em, SandboxPost, [post('d1')]));
      expect(await other.getRepository(SandboxPost).countBy({ id: 'd1' })).toBe(1);
    } finally {
      await other.destroy();
    }
  });
});
