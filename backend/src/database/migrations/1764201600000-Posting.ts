import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/** Social accounts, posts and their variants, schedules, queue slots, publish jobs, media, Sandbox. */
export class Posting1764201600000 implements MigrationInterface {
  name = 'Posting1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);
    const nullableJson = (name: string) => ({ ...c.json(name), isNullable: true });

    await create(
      new Table({
        name: 'social_accounts',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('network', 20),
          c.string('name', 100),
          c.string('externalAccountId', 255),
          c.string('status', 20),
          c.text('accessTokenSealed', true),
          c.text('refreshTokenSealed', true),
          c.timestamp('tokenExpiresAt', true),
          c.timestamp('lastRefreshAt', true),
          c.json('scopes'),
          c.json('missingScopes'),
          c.text('lastError', true),
          c.json('settings'),
          c.timestamp('deletedAt', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          index('ix_social_accounts_workspace', ['workspaceId']),
          index('uq_social_accounts_external', ['workspaceId', 'network', 'externalAccountId'], true),
        ],
        foreignKeys: [foreignKey('fk_social_accounts_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'oauth_attempts',
        columns: [
          { ...c.string('state', 64), isPrimary: true },
          c.ref('workspaceId'),
          c.ref('userId'),
          c.string('network', 20),
          c.text('codeVerifierSealed', true),
          c.ref('accountId', true),
          c.timestamp('expiresAt'),
          c.createdAt(),
        ],
      }),
    );
    await create(
      new Table({
        name: 'labels',
        columns: [c.id(), c.ref('workspaceId'), c.string('name', 50), c.string('color', 7), c.createdAt()],
        indices: [index('uq_labels_workspace_name', ['workspaceId', 'name'], true)],
        foreignKeys: [foreignKey('fk_labels_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'posts',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('authorId', true),
          c.string('title', 200, true),
          c.text('text'),
          c.string('state', 20),
          c.string('source', 20),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [index('ix_posts_workspace_state', ['workspaceId', 'state'])],
        foreignKeys: [
          foreignKey('fk_posts_workspace', 'workspaceId', 'workspaces'),
          foreignKey('fk_posts_author', 'authorId', 'users', 'SET NULL'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'post_labels',
        columns: [
          { ...c.ref('postId'), isPrimary: true },
          { ...c.ref('labelId'), isPrimary: true },
        ],
        indices: [index('ix_post_labels_label', ['labelId'])],
        foreignKeys: [
          foreignKey('fk_post_labels_post', 'postId', 'posts'),
          foreignKey('fk_post_labels_label', 'labelId', 'labels'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'post_variants',
        columns: [
          c.id(),
          c.ref('postId'),
          c.ref('workspaceId'),
          c.ref('accountId'),
          c.text('text', true),
          c.string('postType', 20),
          c.string('link', 2048, true),
          c.json('mediaIds'),
          c.json('options'),
          c.string('state', 20),
          c.timestamp('scheduledAt', true),
          c.timestamp('publishedAt', true),
          c.string('externalId', 255, true),
          c.string('externalUrl', 2048, true),
          c.text('lastError', true),
          c.updatedAt(),
        ],
        indices: [
          index('ix_post_variants_post', ['postId']),
          index('ix_post_variants_due', ['state', 'scheduledAt']),
          index('ix_post_variants_account', ['accountId', 'scheduledAt']),
        ],
        foreignKeys: [
          foreignKey('fk_post_variants_post', 'postId', 'posts'),
          { ...foreignKey('fk_post_variants_account', 'accountId', 'social_accounts'), onDelete: 'NO ACTION' },
        ],
      }),
    );
    await create(
      new Table({
        name: 'schedules',
        columns: [
          c.id(),
          c.ref('postId'),
          c.string('type', 20),
          c.string('timeZone', 64),
          c.timestamp('startAt', true),
          c.text('rrule', true),
          nullableJson('evergreen'),
          c.int('occurrences'),
          c.createdAt(),
        ],
        indices: [index('uq_schedules_post', ['postId'], true)],
        foreignKeys: [foreignKey('fk_schedules_post', 'postId', 'posts')],
      }),
    );
    await create(
      new Table({
        name: 'queue_slots',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('accountId'),
          c.int('weekday'),
          c.string('localTime', 5),
          c.int('position'),
        ],
        indices: [index('uq_queue_slots_account_time', ['accountId', 'weekday', 'localTime'], true)],
        foreignKeys: [foreignKey('fk_queue_slots_account', 'accountId', 'social_accounts')],
      }),
    );
    await create(
      new Table({
        name: 'publish_jobs',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('postId'),
          c.ref('variantId'),
          c.ref('accountId'),
          c.timestamp('occurrenceAt'),
          c.timestamp('dueAt'),
          c.string('status', 20),
          c.int('attempts'),
          c.ref('claimToken', true),
          c.timestamp('leaseUntil', true),
          c.string('errorCode', 40, true),
          c.text('errorMessage', true),
          c.string('externalId', 255, true),
          c.json('history'),
          c.timestamp('publishedAt', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          index('uq_publish_jobs_occurrence', ['variantId', 'occurrenceAt'], true),
          index('ix_publish_jobs_due', ['status', 'dueAt']),
          index('ix_publish_jobs_claim', ['claimToken']),
        ],
        foreignKeys: [foreignKey('fk_publish_jobs_variant', 'variantId', 'post_variants')],
      }),
    );
    await create(
      new Table({
        name: 'media_items',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('uploadedById', true),
          c.string('fileName', 255),
          c.string('kind', 20),
          c.string('mimeType', 100),
          c.int('bytes'),
          { ...c.int('width'), isNullable: true },
          { ...c.int('height'), isNullable: true },
          { ...c.int('durationMs'), isNullable: true },
          { ...c.int('pages'), isNullable: true },
          c.string('storageKey', 255),
          c.string('thumbnailKey', 255, true),
          c.ref('derivedFromId', true),
          c.createdAt(),
        ],
        indices: [index('ix_media_items_workspace', ['workspaceId'])],
        foreignKeys: [foreignKey('fk_media_items_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'sandbox_posts',
        columns: [
          c.id(),
          c.string('accountExternalId', 255),
          c.string('idempotencyKey', 80),
          c.string('postType', 20),
          c.text('text'),
          c.string('link', 2048, true),
          c.json('media'),
          c.timestamp('deletedAt', true),
          c.createdAt(),
        ],
        indices: [
          index('uq_sandbox_posts_idempotency', ['accountExternalId', 'idempotencyKey'], true),
          index('ix_sandbox_posts_account', ['accountExternalId', 'createdAt']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'sandbox_posts',
      'media_items',
      'publish_jobs',
      'queue_slots',
      'schedules',
      'post_variants',
      'post_labels',
      'posts',
      'labels',
      'oauth_attempts',
      'social_accounts',
    ]) {
      await queryRunner.dropTable(table, true, true, true);
    }
  }
}
