import { EntityManager, MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';
import { insertIntoTable } from '../table-inserts';

/** Posts read per batch. */
const BATCH = 500;

/**
 * The composer's helpers: post templates, hashtag groups, and the workspace's hashtag use counted
 * as posts are saved (per post, and summed per tag for suggestions). The posts already written are
 * counted here once, so suggestions start from the workspace's history.
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
        columns: [c.id(), c.ref('workspaceId'), c.string('name', 80), c.json('hashtags'), c.createdAt(), c.updatedAt()],
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
    await countExistingPosts(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('post_hashtags', true);
    await queryRunner.dropTable('hashtag_uses', true);
    await queryRunner.dropTable('hashtag_groups', true);
    await queryRunner.dropTable('post_templates', true);
  }
}

interface TagUse {
  workspaceId: string;
  tag: string;
  label: string;
  uses: number;
  lastUsedAt: Date;
}

/**
 * Every post's hashtags (its text and its variants' own), by table as this schema has them: one
 * row per post and tag, and per workspace and tag the number of posts and the last save.
 */
async function countExistingPosts(db: EntityManager): Promise<void> {
  const uses = new Map<string, TagUse>();
  for (let after = ''; ;) {
    const posts = await db
      .createQueryBuilder()
      .select('p.id', 'id')
      .addSelect('p.workspaceId', 'workspaceId')
      .addSelect('p.text', 'text')
      .addSelect('p.updatedAt', 'updatedAt')
      .from('posts', 'p')
      .where('p.id > :after', { after })
      .orderBy('p.id')
      .limit(BATCH)
      .getRawMany<{ id: string; workspaceId: string; text: string; updatedAt: Date | string }>();
    if (!posts.length) break;
    after = posts[posts.length - 1].id;
    const variants = await db
      .createQueryBuilder()
      .select('v.postId', 'postId')
      .addSelect('v.text', 'text')
      .from('post_variants', 'v')
      .where('v.postId IN (:...ids)', { ids: posts.map((p) => p.id) })
      .andWhere('v.text IS NOT NULL')
      .getRawMany<{ postId: string; text: string }>();
    const rows: Array<{ postId: string; tag: string; workspaceId: string }> = [];
    for (const post of posts) {
      const texts = [post.text, ...variants.filter((v) => v.postId === post.id).map((v) => v.text)];
      const at = utc(post.updatedAt);
      for (const [tag, label] of tagsOf(texts)) {
        rows.push({ postId: post.id, tag, workspaceId: post.workspaceId });
        const use = uses.get(`${post.workspaceId}/${tag}`);
        if (!use)
          uses.set(`${post.workspaceId}/${tag}`, {
            workspaceId: post.workspaceId,
            tag,
            label,
            uses: 1,
            lastUsedAt: at,
          });
        else {
          use.uses++;
          if (at >= use.lastUsedAt) Object.assign(use, { label, lastUsedAt: at });
        }
      }
    }
    await insertIntoTable(db, 'post_hashtags', ['postId', 'tag', 'workspaceId'], rows);
  }
  await insertIntoTable(db, 'hashtag_uses', ['workspaceId', 'tag', 'label', 'uses', 'lastUsedAt'], [...uses.values()]);
}

/** SQLite hands a timestamp back as UTC text without a zone, which Date would read as local time. */
const utc = (value: Date | string) =>
  value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);

/**
 * Hashtags as the app read them when this migration was written (hashtags/hashtag-text.ts then),
 * frozen here: a later change to the app's reader must not change what this migration counted.
 */
const HASHTAG = /(?:^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const MAX_TAG_LENGTH = 100;

/** The texts' tags by lower-cased key, in order of first use; a tag's label is its first spelling in the last text using it. */
function tagsOf(texts: string[]): Map<string, string> {
  const tags = new Map<string, string>();
  for (const text of texts) {
    const inText = new Map<string, string>();
    for (const [, tag] of text.matchAll(HASHTAG)) {
      const key = tag.toLowerCase();
      if (tag.length <= MAX_TAG_LENGTH && !inText.has(key)) inText.set(key, tag);
    }
    for (const [key, tag] of inText) tags.set(key, tag);
  }
  return tags;
}
