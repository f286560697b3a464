import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/** The health of each feed trigger: last check, its error, failures in a row, next check. */
export class FeedStatus1764460800000 implements MigrationInterface {
  name = 'FeedStatus1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'automation_feed_status',
        columns: [
          { ...c.ref('automationId'), isPrimary: true },
          { ...c.string('nodeId', 40), isPrimary: true },
          c.ref('workspaceId'),
          c.text('feedUrl'),
          c.timestamp('checkedAt'),
          c.timestamp('okAt', true),
          c.text('error', true),
          c.int('failures', 0),
          c.timestamp('nextCheckAt'),
          c.int('items', 0),
          c.json('skipped'),
          c.updatedAt(),
        ],
        indices: [index('ix_automation_feed_status_failing', ['workspaceId', 'failures'])],
        foreignKeys: [foreignKey('fk_automation_feed_status_automation', 'automationId', 'automations')],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('automation_feed_status', true);
  }
}
