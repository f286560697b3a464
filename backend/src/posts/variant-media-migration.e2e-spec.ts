import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { dataSourceOptions } from '../database/data-source-options';
import { MIGRATIONS } from '../database/entities';
import { VariantMediaIndex1765756800000 } from '../database/migrations/1765756800000-VariantMediaIndex';
import { insertIntoTable } from '../database/table-inserts';
import { MediaUsage } from '../media/media-usage';
import { createTestDatabase, DATABASE_KINDS, TestDatabase } from '../testing/test-database';
import { PostMediaUsage } from './post-media-usage';
import { PostVariantMedia } from './post-variant-media.entity';

/** More variants than the migration reads per batch, so the keyset crosses batches. */
const VARIANTS = 1_201;

/**
 * A database that already holds posts gets their variants' media indexed when VariantMediaIndex
 * runs, so the library's "used in" is right from the first request after the upgrade.
 */
describe.each(DATABASE_KINDS)('the VariantMediaIndex migration on an existing %s database', (kind) => {
  let database: TestDatabase;
  afterAll(() => database?.drop());

  it("indexes every existing variant's media, in list order, each item once", async () => {
    database = await createTestDatabase(kind);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(VariantMediaIndex1765756800000));
    const old = await new DataSource({ ...dataSourceOptions(database.url), migrations: before }).initialize();
    await old.runMigrations();
    const [bakery, other] = [newId(), newId()];
    const [logo, photo, elsewhere] = [newId(), newId(), newId()];
    const insert = (table: string, rows: Array<Record<string, unknown>>) =>
      insertIntoTable(old.manager, table, Object.keys(rows[0]), rows);
    // Rows are written by table, as the schema before this migration has them.
    await insert(
      'workspaces',
      [bakery, other].map((id) => ({ id, name: 'W', timeZone: 'UTC', defaultPostingTimes: '[]' })),
    );
    const accounts = { [bakery]: newId(), [other]: newId() };
    await insert(
      'social_accounts',
      Object.entries(accounts).map(([workspaceId, id]) => ({
        id,
        workspaceId,
        network: 'sandbox',
        name: 'Demo',
        externalAccountId: `demo-${id}`,
        status: 'active',
        scopes: '[]',
        missingScopes: '[]',
        settings: '{}',
      })),
    );
    const posts = Array.from({ length: VARIANTS }, (_, i) => ({
      id: newId(),
      workspaceId: i === 0 ? other : bakery,
      text: `Post ${i}`,
      state: i === 1 ? 'scheduled' : 'draft',
      source: 'api',
    }));
    await insert('posts', posts);
    const scheduledAt = new Date('2031-02-03T10:00:00.000Z');
    /** Post 0 is another workspace's; 1 carries the logo twice and the photo; every third none; the rest the logo. */
    const mediaOf = (i: number) => (i === 0 ? [elsewhere] : i === 1 ? [photo, logo, logo] : i % 3 === 0 ? [] : [logo]);
    await insert(
      'post_variants',
      posts.map((p, i) => ({
        id: newId(),
        postId: p.id,
        workspaceId: p.workspaceId,
        accountId: accounts[p.workspaceId],
        postType: 'photo',
        // TypeORM finds the table's entity and writes its simple-json columns as JSON itself.
        mediaIds: mediaOf(i),
        options: {},
        state: p.state,
        scheduledAt: i === 1 ? scheduledAt : null,
      })),
    );
    await old.destroy();

    const migrated = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await migrated.runMigrations();
      const rows = await migrated.getRepository(PostVariantMedia).find();
      const carrying = posts.filter((_, i) => mediaOf(i).length);
      expect(rows).toHaveLength(carrying.length + 1);
      const ofPost = (i: number) =>
        rows
          .filter((r) => r.postId === posts[i].id)
          .sort((a, b) => a.position - b.position)
          .map((r) => [r.mediaId, r.position, r.workspaceId]);
      expect(ofPost(0)).toEqual([[elsewhere, 0, other]]);
      expect(ofPost(1)).toEqual([
        [photo, 0, bakery],
        [logo, 1, bakery],
      ]);
      expect(ofPost(3)).toEqual([]);
      // In the last batch the migration read.
      expect(ofPost(VARIANTS - 2)).toEqual([[logo, 0, bakery]]);

      // The library reads them: every post with the logo, the scheduled one with its time.
      const usage = new PostMediaUsage(migrated, new MediaUsage());
      const uses = await usage.usesOf(bakery, logo);
      expect(uses).toHaveLength(carrying.length - 1);
      expect(uses.find((u) => u.postId === posts[1].id)).toEqual({
        postId: posts[1].id,
        excerpt: 'Post 1',
        state: 'scheduled',
        scheduledAt,
      });
      expect(await usage.usesOf(bakery, elsewhere)).toEqual([]);
    } finally {
      await migrated.destroy();
    }
  });
});
