import { EntityManager, MigrationInterface, QueryRunner, Table } from 'typeorm';
import { mediaRowsOf } from '../../posts/post-variant-media';
import { foreignKey, index, portableColumns } from '../portable-columns';
import { insertIntoTable } from '../table-inserts';

/** Variants read per batch. */
const BATCH = 500;

/**
 * The media each variant carries as rows (`post_variant_media`), indexed by workspace and item, so
 * the library's "used in" and its delete check look an item up instead of reading every variant's
 * JSON list. The variants already written are indexed here.
 */
export class VariantMediaIndex1765756800000 implements MigrationInterface {
  name = 'VariantMediaIndex1765756800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'post_variant_media',
        columns: [
          { ...c.ref('variantId'), isPrimary: true },
          { ...c.ref('mediaId'), isPrimary: true },
          c.ref('workspaceId'),
          c.ref('postId'),
          c.int('position'),
        ],
        indices: [index('ix_post_variant_media_media', ['workspaceId', 'mediaId'])],
        // The only cascade: from posts or workspaces too would be a second path, which SQL Server refuses.
        foreignKeys: [foreignKey('fk_post_variant_media_variant', 'variantId', 'post_variants')],
      }),
      true,
      true,
      true,
    );
    await indexExistingVariants(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('post_variant_media', true);
  }
}

/** Every variant's media list as rows, read by table in keyset batches as this schema has it. */
async function indexExistingVariants(db: EntityManager): Promise<void> {
  for (let after = ''; ;) {
    const variants = await db
      .createQueryBuilder()
      .select('v.id', 'id')
      .addSelect('v.postId', 'postId')
      .addSelect('v.workspaceId', 'workspaceId')
      .addSelect('v.mediaIds', 'mediaIds')
      .from('post_variants', 'v')
      .where('v.id > :after', { after })
      .orderBy('v.id')
      .limit(BATCH)
      .getRawMany<{ id: string; postId: string; workspaceId: string; mediaIds: string | null }>();
    if (!variants.length) break;
    after = variants[variants.length - 1].id;
    const rows = variants.flatMap((v) => mediaRowsOf({ ...v, mediaIds: mediaIdsIn(v.mediaIds) }));
    await insertIntoTable(
      db,
      'post_variant_media',
      ['variantId', 'mediaId', 'workspaceId', 'postId', 'position'],
      rows,
    );
  }
}

/** A stored `simple-json` list; anything but a list of ids indexes nothing. */
function mediaIdsIn(raw: string | null): string[] {
  const parsed: unknown = raw ? JSON.parse(raw) : [];
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
}
