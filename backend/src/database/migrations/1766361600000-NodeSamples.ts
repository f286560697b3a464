import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/** Each trigger node's sample data, kept with the automation's draft (the editor's pinned data). */
export class NodeSamples1766361600000 implements MigrationInterface {
  name = 'NodeSamples1766361600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'automation_node_samples',
        columns: [
          { ...c.ref('automationId'), isPrimary: true },
          { ...c.string('nodeId', 40), isPrimary: true },
          c.ref('workspaceId'),
          c.string('source', 16),
          { ...c.json('payload'), isNullable: true },
          c.timestamp('capturedAt', true),
          c.string('testToken', 64, true),
          c.timestamp('waitingUntil', true),
          c.updatedAt(),
        ],
        // Not unique: SQL Server allows one NULL in a unique index, and tokens are random anyway.
        indices: [index('ix_automation_node_samples_token', ['testToken'])],
        foreignKeys: [foreignKey('fk_automation_node_samples_automation', 'automationId', 'automations')],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('automation_node_samples', true);
  }
}
