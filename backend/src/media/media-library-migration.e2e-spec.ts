import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { dataSourceOptions } from '../database/data-source-options';
import { MIGRATIONS } from '../database/entities';
import { MediaLibrary1765238400000 } from '../database/migrations/1765238400000-MediaLibrary';
import { createTestDatabase, DATABASE_KINDS, TestDatabase } from '../testing/test-database';

/** A database that already holds media keeps it: at the root, not starred, untagged, listed by the new index. */
describe.each(DATABASE_KINDS)('the MediaLibrary migration on an existing %s database', (kind) => {
  let database: TestDatabase;
  afterAll(() => database?.drop());

  it('keeps existing items, at the root and not starred', async () => {
    database = await createTestDatabase(kind);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(MediaLibrary1765238400000));
    const old = await new DataSource({ ...dataSourceOptions(database.url), migrations: before }).initialize();
    await old.runMigrations();
    const workspaceId = newId();
    const ids = [newId(), newId()];
    // Written by table, as the schema before this migration has them (today's entity has more columns).
    await old
      .createQueryBuilder()
      .insert()
      .into('workspaces', ['id', 'name', 'timeZone', 'defaultPostingTimes'])
      .values({ id: workspaceId, name: 'W', timeZone: 'UTC', defaultPostingTimes: '[]' })
      .execute();
    await old
      .createQueryBuilder()
      .insert()
      .into('media_items', ['id', 'workspaceId', 'fileName', 'kind', 'mimeType', 'bytes', 'storageKey'])
      .values(
        ids.map((id) => ({
          id,
          workspaceId,
          fileName: `${id}.png`,
          kind: 'image',
          mimeType: 'image/png',
          bytes: 10,
          storageKey: `media/${workspaceId}/${id}/original`,
        })),
      )
      .execute();
    await old.destroy();

    const migrated = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await migrated.runMigrations();
      const rows = await migrated.getRepository('MediaItem').find({ where: { workspaceId }, order: { id: 'ASC' } });
      expect(rows.map((r) => [r.id, r.folderId, r.favourite])).toEqual(ids.sort().map((id) => [id, null, false]));
      const runner = migrated.createQueryRunner();
      const table = await runner.getTable('media_items');
      await runner.release();
      expect(table!.findColumnByName('favourite')!.isNullable).toBe(false);
      // TypeORM reads PostgreSQL's index columns back in table order; the list-indexes spec proves their order serves the grid.
      const columns = table!.indices.find((i) => i.name === 'ix_media_items_workspace')!.columnNames;
      expect([...columns].sort()).toEqual(['id', 'workspaceId']);
    } finally {
      await migrated.destroy();
    }
  });
});
