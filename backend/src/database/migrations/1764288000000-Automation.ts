import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/** Automations, their versions, runs with steps and waits, inbound hooks, approvals, notifications. */
export class Automation1764288000000 implements MigrationInterface {
  name = 'Automation1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);
    const nullableJson = (name: string) => ({ ...c.json(name), isNullable: true });
    const bool = (name: string) => ({
      name,
      type: queryRunner.connection.driver.normalizeType({ type: Boolean }),
    });

    await create(
      new Table({
        name: 'automations',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('name', 120),
          c.json('graph'),
          bool('enabled'),
          { ...c.int('publishedVersion'), isNullable: true },
          c.ref('createdBy', true),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [index('ix_automations_workspace', ['workspaceId'])],
        foreignKeys: [foreignKey('fk_automations_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'automation_versions',
        columns: [
          c.id(),
          c.ref('automationId'),
          c.int('version'),
          c.json('graph'),
          c.ref('publishedBy', true),
          { ...c.createdAt(), name: 'publishedAt' },
        ],
        indices: [index('uq_automation_versions', ['automationId', 'version'], true)],
        foreignKeys: [foreignKey('fk_automation_versions_automation', 'automationId', 'automations')],
      }),
    );
    await create(
      new Table({
        name: 'automation_runs',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('automationId'),
          c.int('version'),
          c.string('status', 20),
          c.string('triggerNodeId', 40),
          c.json('input'),
          c.text('error', true),
          { ...c.createdAt(), name: 'startedAt' },
          c.timestamp('finishedAt', true),
        ],
        indices: [
          index('ix_automation_runs_automation', ['automationId', 'startedAt']),
          index('ix_automation_runs_status', ['status']),
        ],
        foreignKeys: [foreignKey('fk_automation_runs_automation', 'automationId', 'automations')],
      }),
    );
    await create(
      new Table({
        name: 'automation_run_steps',
        columns: [
          c.id(),
          c.ref('runId'),
          c.string('nodeId', 40),
          c.string('nodeType', 40),
          c.string('port', 40, true),
          nullableJson('input'),
          nullableJson('output'),
          c.timestamp('startedAt'),
          c.int('durationMs'),
          c.text('error', true),
        ],
        indices: [index('ix_automation_run_steps_run', ['runId', 'startedAt'])],
        foreignKeys: [foreignKey('fk_automation_run_steps_run', 'runId', 'automation_runs')],
      }),
    );
    await create(
      new Table({
        name: 'automation_run_waits',
        columns: [
          c.id(),
          c.ref('runId'),
          c.string('nodeId', 40),
          c.json('payload'),
          c.timestamp('resumeAt', true),
          c.string('timeoutPort', 40, true),
          c.string('resumePort', 40, true),
          c.createdAt(),
        ],
        indices: [
          index('ix_automation_run_waits_due', ['resumeAt']),
          index('ix_automation_run_waits_decided', ['resumePort']),
          index('uq_automation_run_waits_node', ['runId', 'nodeId'], true),
        ],
        foreignKeys: [foreignKey('fk_automation_run_waits_run', 'runId', 'automation_runs')],
      }),
    );
    await create(
      new Table({
        name: 'automation_hooks',
        columns: [c.id(), c.ref('workspaceId'), c.ref('automationId'), c.text('secretSealed'), c.createdAt()],
        indices: [index('ix_automation_hooks_automation', ['automationId'])],
        foreignKeys: [foreignKey('fk_automation_hooks_automation', 'automationId', 'automations')],
      }),
    );
    await create(
      new Table({
        name: 'automation_hook_deliveries',
        columns: [
          { ...c.ref('hookId'), isPrimary: true },
          { ...c.string('deliveryId', 200), isPrimary: true },
          { ...c.createdAt(), name: 'receivedAt' },
        ],
        indices: [index('ix_automation_hook_deliveries_received', ['receivedAt'])],
      }),
    );
    await create(
      new Table({
        name: 'approvals',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('postId'),
          c.string('status', 20),
          c.text('message', true),
          c.ref('requestedBy', true),
          c.ref('runId', true),
          c.string('nodeId', 40, true),
          c.ref('decidedBy', true),
          c.text('reason', true),
          c.timestamp('decidedAt', true),
          c.createdAt(),
        ],
        indices: [index('ix_approvals_workspace_status', ['workspaceId', 'status'])],
        foreignKeys: [foreignKey('fk_approvals_post', 'postId', 'posts')],
      }),
    );
    await create(
      new Table({
        name: 'automation_trigger_states',
        columns: [
          { ...c.ref('automationId'), isPrimary: true },
          { ...c.string('nodeId', 40), isPrimary: true },
          c.text('cursor'),
          c.updatedAt(),
        ],
      }),
    );
    await create(
      new Table({
        name: 'automation_trigger_keys',
        columns: [
          { ...c.ref('automationId'), isPrimary: true },
          { ...c.string('nodeId', 40), isPrimary: true },
          { ...c.string('itemKey', 200), isPrimary: true },
          { ...c.createdAt(), name: 'seenAt' },
        ],
      }),
    );
    await create(
      new Table({
        name: 'automation_ai_settings',
        columns: [
          { ...c.ref('workspaceId'), isPrimary: true },
          c.string('baseUrl', 300),
          c.string('model', 100),
          c.text('apiKeySealed'),
          c.updatedAt(),
        ],
      }),
    );
    await create(
      new Table({
        name: 'approval_links',
        columns: [
          { ...c.string('tokenHash', 64), isPrimary: true },
          c.ref('approvalId'),
          c.ref('workspaceId'),
          c.timestamp('expiresAt'),
          c.createdAt(),
        ],
        indices: [index('ix_approval_links_approval', ['approvalId'])],
        foreignKeys: [foreignKey('fk_approval_links_approval', 'approvalId', 'approvals')],
      }),
    );
    await create(
      new Table({
        name: 'post_comments',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('postId'),
          c.ref('authorUserId', true),
          c.string('authorName', 100),
          c.text('text'),
          c.json('mentions'),
          c.createdAt(),
        ],
        indices: [index('ix_post_comments_post', ['postId', 'createdAt'])],
        foreignKeys: [foreignKey('fk_post_comments_post', 'postId', 'posts')],
      }),
    );
    await create(
      new Table({
        name: 'notifications',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('userId'),
          c.string('title', 200),
          c.text('body'),
          c.string('link', 300, true),
          c.timestamp('readAt', true),
          c.createdAt(),
        ],
        indices: [index('ix_notifications_user', ['workspaceId', 'userId', 'readAt'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'post_comments',
      'approval_links',
      'automation_trigger_states',
      'automation_ai_settings',
      'automation_trigger_keys',
      'approvals',
      'automation_hook_deliveries',
      'automation_hooks',
      'automation_run_waits',
      'automation_run_steps',
      'automation_runs',
      'automation_versions',
      'automations',
    ]) {
      await queryRunner.dropTable(table, true);
    }
  }
}
