import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/** Identity, workspaces & teams, invites, API keys, activity log and the email outbox. */
export class Foundation1764028800000 implements MigrationInterface {
  name = 'Foundation1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);

    await create(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.string('email', 320),
          c.string('name', 120),
          c.string('passwordHash', 255),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [index('uq_users_email', ['email'], true)],
      }),
    );
    await create(
      new Table({
        name: 'refresh_tokens',
        columns: [
          c.id(),
          c.ref('userId'),
          c.ref('familyId'),
          c.string('secretHash', 64),
          c.timestamp('expiresAt'),
          c.timestamp('revokedAt', true),
          c.ref('replacedById', true),
          c.createdAt(),
        ],
        indices: [index('ix_refresh_tokens_family', ['familyId'])],
        foreignKeys: [foreignKey('fk_refresh_tokens_user', 'userId', 'users')],
      }),
    );
    await create(
      new Table({
        name: 'password_reset_tokens',
        columns: [
          c.id(),
          c.ref('userId'),
          c.string('tokenHash', 64),
          c.timestamp('expiresAt'),
          c.timestamp('usedAt', true),
          c.createdAt(),
        ],
        indices: [index('uq_password_reset_tokens_hash', ['tokenHash'], true)],
        foreignKeys: [foreignKey('fk_password_reset_tokens_user', 'userId', 'users')],
      }),
    );
    await create(
      new Table({
        name: 'workspaces',
        columns: [
          c.id(),
          c.string('name', 120),
          c.string('timeZone', 64),
          c.int('firstDayOfWeek', 1),
          c.string('logoUrl', 2048, true),
          c.string('primaryColor', 7, true),
          c.string('accentColor', 7, true),
          c.json('defaultPostingTimes'),
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
    );
    await create(
      new Table({
        name: 'memberships',
        columns: [c.id(), c.ref('workspaceId'), c.ref('userId'), c.string('role', 64), c.createdAt()],
        indices: [
          index('uq_memberships_workspace_user', ['workspaceId', 'userId'], true),
          index('ix_memberships_user', ['userId']),
        ],
        foreignKeys: [
          foreignKey('fk_memberships_workspace', 'workspaceId', 'workspaces'),
          foreignKey('fk_memberships_user', 'userId', 'users'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'custom_roles',
        columns: [c.id(), c.ref('workspaceId'), c.string('name', 60), c.json('permissions'), c.createdAt()],
        indices: [index('uq_custom_roles_workspace_name', ['workspaceId', 'name'], true)],
        foreignKeys: [foreignKey('fk_custom_roles_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'invites',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('email', 320),
          c.string('role', 64),
          c.string('tokenHash', 64),
          c.ref('invitedById', true),
          c.timestamp('expiresAt'),
          c.timestamp('acceptedAt', true),
          c.timestamp('revokedAt', true),
          c.createdAt(),
        ],
        indices: [index('ix_invites_workspace', ['workspaceId']), index('uq_invites_token_hash', ['tokenHash'], true)],
        foreignKeys: [foreignKey('fk_invites_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'api_keys',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('createdById'),
          c.string('name', 100),
          c.string('prefix', 16),
          c.string('secretHash', 64),
          c.json('scopes'),
          c.timestamp('lastUsedAt', true),
          c.timestamp('revokedAt', true),
          c.createdAt(),
        ],
        indices: [index('ix_api_keys_workspace', ['workspaceId']), index('uq_api_keys_prefix', ['prefix'], true)],
        foreignKeys: [
          foreignKey('fk_api_keys_workspace', 'workspaceId', 'workspaces'),
          foreignKey('fk_api_keys_created_by', 'createdById', 'users'),
        ],
      }),
    );
    await create(
      new Table({
        name: 'activity_entries',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('actorUserId', true),
          c.ref('actorApiKeyId', true),
          c.string('action', 64),
          c.string('targetType', 32, true),
          c.string('targetId', 64, true),
          c.json('details'),
          c.createdAt(),
        ],
        indices: [index('ix_activity_entries_workspace', ['workspaceId', 'id'])],
        foreignKeys: [foreignKey('fk_activity_entries_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'outbox_emails',
        columns: [
          c.id(),
          c.ref('workspaceId', true),
          c.string('to', 320),
          c.string('subject', 300),
          c.text('text'),
          c.string('status', 16),
          c.int('attempts', 0),
          c.text('lastError', true),
          c.createdAt(),
          c.timestamp('sentAt', true),
        ],
        indices: [
          index('ix_outbox_emails_status', ['status']),
          index('ix_outbox_emails_workspace', ['workspaceId', 'id']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_emails',
      'activity_entries',
      'api_keys',
      'invites',
      'custom_roles',
      'memberships',
      'workspaces',
      'password_reset_tokens',
      'refresh_tokens',
      'users',
    ]) {
      await queryRunner.dropTable(table, true, true, true);
    }
  }
}
