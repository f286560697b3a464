import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../common/ids';
import { createTestDatabase, DATABASE_KINDS, TestDatabase } from '../testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { MIGRATIONS } from './entities';
import { ComposerAssist1765411200000 } from './migrations/1765411200000-ComposerAssist';
import { HashtagUse } from '../hashtags/hashtag-use.entity';

/**
 * A database that already holds posts gets their hashtag use counted when ComposerAssist runs:
 * suggestions start from the workspace's history, and later saves count only what changes.
 */
describe.each(DATABASE_KINDS)('the ComposerAssist migration on an existing %s database', (kind) => {
  let database: TestDatabase;
  afterAll(() => database?.drop());

  it("counts the hashtags of the posts already written, variants' own texts included", async () => {
    database = await createTestDatabase(kind);
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ComposerAssist1765411200000));
    const old = await new DataSource({ ...dataSourceOptions(database.url), migrations: before }).initialize();
    await old.runMigrations();
    const [bakery, other] = [newId(), newId()];
    const insert = (table: string, row: Record<string, unknown>) =>
      old.createQueryBuilder().insert().into(table, Object.keys(row)).values(row).execute();
    // Rows are written by table, as the schema before this migration has them.
    for (const id of [bakery, other])
      await insert('workspaces', { id, name: 'W', timeZone: 'UTC', defaultPostingTimes: '[]' });
    const accountId = newId();
    await insert('social_accounts', {
      id: accountId,
      workspaceId: bakery,
      network: 'sandbox',
      name: 'Demo',
      externalAccountId: 'demo',
      status: 'active',
      scopes: '[]',
      missingScopes: '[]',
      settings: '{}',
    });
    const posts = [
      { id: newId(), workspaceId: bakery, text: 'Fresh #Bread and #bread, #Rye' },
      { id: newId(), workspaceId: bakery, text: 'More #bread' },
      { id: newId(), workspaceId: other, text: 'Elsewhere #bread' },
    ];
    for (const p of posts) await insert('posts', { ...p, state: 'draft', source: 'api' });
    await insert('post_variants', {
      id: newId(),
      postId: posts[1].id,
      workspaceId: bakery,
      accountId,
      text: 'Sandbox: #Sourdough #bread',
      postType: 'text',
      mediaIds: '[]',
      options: '{}',
      state: 'draft',
    });
    await old.destroy();

    const migrated = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await migrated.runMigrations();
      // Today's entity reads them: the migration is the last to touch these tables.
      const uses = await migrated.getRepository(HashtagUse).find({ order: { tag: 'ASC' } });
      expect(uses.filter((u) => u.workspaceId === bakery).map(({ tag, label, uses }) => [tag, label, uses])).toEqual([
        ['bread', 'bread', 2],
        ['rye', 'Rye', 1],
        ['sourdough', 'Sourdough', 1],
      ]);
      expect(uses.filter((u) => u.workspaceId === other).map((u) => [u.tag, u.uses])).toEqual([['bread', 1]]);
      // Dated by the post's last save (just now), read back in UTC whatever the process zone.
      expect(Math.abs(uses[0].lastUsedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      const perPost = await migrated
        .createQueryBuilder()
        .select('ph.tag', 'tag')
        .from('post_hashtags', 'ph')
        .where('ph.postId = :id', { id: posts[1].id })
        .orderBy('ph.tag')
        .getRawMany<{ tag: string }>();
      expect(perPost.map((r) => r.tag)).toEqual(['bread', 'sourdough']);
    } finally {
      await migrated.destroy();
    }
  });
});
