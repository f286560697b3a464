import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/**
 * The media library: folders, tags and favourites, and a list read newest first by workspace (and
 * by folder or kind). Folder links carry no foreign key: SQL Server refuses a second cascade path
 * to media_items (workspace → folder → item) and a self-referencing one on folders, so the
 * library moves items and sub-folders itself when a folder goes. Tags cascade with their item only,
 * for the same reason.
 */
export class MediaLibrary1765238400000 implements MigrationInterface {
  name = 'MediaLibrary1765238400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const q = (name: string) => queryRunner.connection.driver.escape(name);
    const bool = (name: string, nullable: boolean) => ({
      name,
      type: queryRunner.connection.driver.normalizeType({ type: Boolean }),
      isNullable: nullable,
    });
    await queryRunner.createTable(
      new Table({
        name: 'media_folders',
        columns: [c.id(), c.ref('workspaceId'), c.string('name', 100), c.ref('parentId', true), c.createdAt()],
        indices: [index('ix_media_folders_workspace', ['workspaceId', 'parentId'])],
        foreignKeys: [foreignKey('fk_media_folders_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    // Added nullable, filled, then required: portable where a NOT NULL column without default is not.
    await queryRunner.addColumns('media_items', [
      new TableColumn(c.ref('folderId', true)),
      new TableColumn(bool('favourite', true)),
    ]);
    await queryRunner.query(
      `UPDATE ${q('media_items')} SET ${q('favourite')} = ${queryRunner.connection.options.type === 'postgres' ? 'false' : '0'}`,
    );
    await queryRunner.changeColumn('media_items', 'favourite', new TableColumn(bool('favourite', false)));
    await queryRunner.dropIndex('media_items', 'ix_media_items_workspace');
    await queryRunner.createIndices('media_items', [
      new TableIndex(index('ix_media_items_workspace', ['workspaceId', 'id'])),
      new TableIndex(index('ix_media_items_folder', ['workspaceId', 'folderId', 'id'])),
      new TableIndex(index('ix_media_items_kind', ['workspaceId', 'kind', 'id'])),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'media_item_tags',
        columns: [
          { ...c.ref('mediaId'), isPrimary: true },
          { ...c.string('tag', 50), isPrimary: true },
          c.ref('workspaceId'),
        ],
        indices: [index('ix_media_item_tags_workspace', ['workspaceId', 'tag'])],
        foreignKeys: [foreignKey('fk_media_item_tags_media', 'mediaId', 'media_items')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('media_item_tags');
    for (const name of ['ix_media_items_kind', 'ix_media_items_folder', 'ix_media_items_workspace']) {
      await queryRunner.dropIndex('media_items', name);
    }
    await queryRunner.createIndex('media_items', new TableIndex(index('ix_media_items_workspace', ['workspaceId'])));
    await queryRunner.dropColumn('media_items', 'favourite');
    await queryRunner.dropColumn('media_items', 'folderId');
    await queryRunner.dropTable('media_folders');
  }
}
