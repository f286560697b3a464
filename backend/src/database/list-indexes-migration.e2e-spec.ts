import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { createTestDatabase, DATABASE_KINDS, TestDatabase } from '../testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './entities';
import { ListIndexes1764374400000 } from './migrations/1764374400000-ListIndexes';

/**
 * A database that already holds schedules gets their workspace from their post when ListIndexes
 * runs (the calendar finds repeating schedules by workspace), and the column is required after.
 */
describe.each(DATABASE_KINDS)('the ListIndexes migration on an existing %s database', (kind) => {
  let database: TestDatabase;
  afterAll(() => database?.drop());

  it("fills each schedule's workspace from its post", async () => {
    database = await createTestDatabase(kind);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ListIndexes1764374400000));
    const old = await new DataSource({ ...dataSourceOptions(database.url), migrations: before }).initialize();
    await old.runMigrations();
    const workspaces = [newId(), newId()];
    const posts: Array<{ id: string; workspaceId: string }> = [];
    // Rows are written as the schema before this migration has them (by table, not through today's
    // entities, which have columns later migrations add; schedules have no workspaceId yet).
    for (const workspaceId of workspaces) {
      await old
        .createQueryBuilder()
        .insert()
        .into('workspaces', ['id', 'name', 'timeZone', 'defaultPostingTimes'])
        .values({ id: workspaceId, name: 'W', timeZone: 'UTC', defaultPostingTimes: '[]' })
        .execute();
      for (let i = 0; i < 3; i++) posts.push({ id: newId(), workspaceId });
    }
    await old
      .createQueryBuilder()
      .insert()
      .into('posts', ['id', 'workspaceId', 'text', 'state', 'source'])
      .values(posts.map((p) => ({ ...p, text: 'x', state: 'scheduled', source: 'api' })))
      .execute();
    for (const p of posts) {
      await old
        .createQueryBuilder()
        .insert()
        .into('schedules', ['id', 'postId', 'type', 'timeZone', 'occurrences'])
        .values({ id: newId(), postId: p.id, type: 'recurring', timeZone: 'UTC', occurrences: 0 })
        .execute();
    }
    await old.destroy();

    const migrated = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await migrated.runMigrations();
      const rows = await migrated
        .createQueryBuilder()
        .select('s.postId', 'postId')
        .addSelect('s.workspaceId', 'workspaceId')
        .from('schedules', 's')
        .getRawMany<{ postId: string; workspaceId: string }>();
      expect(new Map(rows.map((r) => [r.postId, r.workspaceId]))).toEqual(
        new Map(posts.map((p) => [p.id, p.workspaceId])),
      );
      const runner = migrated.createQueryRunner();
      const table = await runner.getTable('schedules');
      await runner.release();
      expect(table!.findColumnByName('workspaceId')!.isNullable).toBe(false);
    } finally {
      await migrated.destroy();
    }
  });
});
