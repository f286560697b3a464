import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/**
 * The composer's helpers: post templates, hashtag groups, and the workspace's hashtag use counted
 * as posts are saved (per post, and summed per tag for suggestions).
 */
export class ComposerAssist1765411200000 implements MigrationInterface {
  name = 'ComposerAssist1765411200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'post_templates',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('name', 120),
          c.string('title', 200, true),
          c.text('text'),
          c.json('labels'),
          c.json('variants'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [index('ix_post_templates_workspace', ['workspaceId', 'id'])],
        foreignKeys: [foreignKey('fk_post_templates_workspace', 'workspaceId', 'workspaces')],
      }),
      true,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'hashtag_groups',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('name', 80),
          c.json('hashtags'),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          index('ix_hashtag_groups_workspace', ['workspaceId', 'id']),
          index('uq_hashtag_groups_name', ['workspaceId', 'name'], true),
        ],
        foreignKeys: [foreignKey('fk_hashtag_groups_workspace', 'workspaceId', 'workspaces')],
      }),
      true,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'hashtag_uses',
        columns: [
          { ...c.ref('workspaceId'), isPrimary: true },
          { ...c.string('tag', 100), isPrimary: true },
          c.string('label', 100),
          c.int('uses'),
          c.timestamp('lastUsedAt'),
        ],
        indices: [
          index('ix_hashtag_uses_top', ['workspaceId', 'uses', 'lastUsedAt']),
          index('ix_hashtag_uses_recent', ['workspaceId', 'lastUsedAt']),
        ],
        foreignKeys: [foreignKey('fk_hashtag_uses_workspace', 'workspaceId', 'workspaces')],
      }),
      true,
      true,
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'post_hashtags',
        columns: [
          { ...c.ref('postId'), isPrimary: true },
          { ...c.string('tag', 100), isPrimary: true },
          c.ref('workspaceId'),
        ],
        foreignKeys: [foreignKey('fk_post_hashtags_workspace', 'workspaceId', 'workspaces')],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('post_hashtags', true);
    await queryRunner.dropTable('hashtag_uses', true);
    await queryRunner.dropTable('hashtag_groups', true);
    await queryRunner.dropTable('post_templates', true);
  }
}
