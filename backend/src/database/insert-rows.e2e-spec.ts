import { describe, expect, it } from 'vitest';
import { In, Like } from 'typeorm';
import { insertRows } from './insert-rows';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';

describe.each(DATABASE_KINDS)('insertRows on %s', (kind) => {
  const migrated = migratedDatabase(kind);

  const post = (
    id: string,
    media: SandboxPost['media'],
    deletedAt: Date | null,
    options: SandboxPost['options'] = null,
  ) => ({
    id,
    accountExternalId: 'acct-1',
    idempotencyKey: `key-${id}`,
    postType: 'text',
    text: `Launch ${id}`,
    link: null,
    media,
    deletedAt,
    options,
  });
  const posts = () => migrated.dataSource.getRepository(SandboxPost);

  it('writes every column as the entity reads it back: JSON, dates and nulls', async () => {
    const rows = [
      post(
        'p1',
        [{ id: 'm1', kind: 'image', url: 'https://example.com/a.png' }],
        new Date('2026-03-29T01:30:00.123Z'),
        { pollOptions: ['Yes', 'No'], pollDurationMinutes: 1440 },
      ),
      post('p2', [], null),
    ];
    await insertRows(migrated.dataSource.manager, SandboxPost, rows);
    const stored = await posts().find({ where: { id: In(['p1', 'p2']) }, order: { id: 'ASC' } });
    expect(stored.map(({ createdAt: _, ...columns }) => columns)).toEqual(rows);
  });

  it('stamps creation times with now when the row does not name them', async () => {
    const stored = await posts().findOneByOrFail({ id: 'p1' });
    expect(Math.abs(stored.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('writes more rows than one statement takes, and the same shape again from its cached statement', async () => {
    const many = Array.from({ length: 120 }, (_, i) => post(`m${String(i).padStart(3, '0')}`, [], null));
    await insertRows(migrated.dataSource.manager, SandboxPost, many.slice(0, 60));
    await insertRows(migrated.dataSource.manager, SandboxPost, many.slice(60));
    const stored = await posts().find({ where: { id: Like('m%') }, order: { id: 'ASC' } });
    expect(stored.map((r) => r.idempotencyKey)).toEqual(many.map((r) => r.idempotencyKey));
  });

  it('refuses a duplicate key like any insert, writing none of its statement', async () => {
    const again = [post('p3', [], null), { ...post('p1', [], null), id: 'p4' }];
    await expect(insertRows(migrated.dataSource.manager, SandboxPost, again)).rejects.toThrow();
    expect(await posts().countBy({ id: In(['p3', 'p4']) })).toBe(0);
  });

  it('writes nothing for no rows', async () => {
    await insertRows(migrated.dataSource.manager, SandboxPost, []);
    expect(await posts().count()).toBe(122);
  });
});
