import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { index, portableColumns } from '../portable-columns';

/**
 * Notifications learn their kind, group (many of a kind on a day are one entry), an action (Retry)
 * and whether they wait for the daily digest; members choose per kind how they are told; events
 * already told are remembered so a redelivered one tells nobody twice.
 */
export class NotificationKinds1764979200000 implements MigrationInterface {
  name = 'NotificationKinds1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const q = (name: string) => queryRunner.connection.driver.escape(name);
    const bool = (name: string, nullable: boolean) => ({
      name,
      type: queryRunner.connection.driver.normalizeType({ type: Boolean }),
      isNullable: nullable,
    });
    // Added nullable, filled, then required: portable where a NOT NULL column without default is not.
    await queryRunner.addColumns('notifications', [
      new TableColumn(c.string('kind', 40, true)),
      new TableColumn(c.string('groupKey', 120, true)),
      new TableColumn({ ...c.int('count'), isNullable: true }),
      new TableColumn({ ...c.json('action'), isNullable: true }),
      new TableColumn(bool('digestPending', true)),
      new TableColumn(c.updatedAt()),
    ]);
    await queryRunner.query(
      `UPDATE ${q('notifications')} SET ${q('kind')} = 'team', ${q('count')} = 1, ${q('digestPending')} = ${
        queryRunner.connection.options.type === 'postgres' ? 'false' : '0'
      }`,
    );
    await queryRunner.changeColumn('notifications', 'kind', new TableColumn(c.string('kind', 40)));
    await queryRunner.changeColumn('notifications', 'count', new TableColumn(c.int('count')));
    await queryRunner.changeColumn('notifications', 'digestPending', new TableColumn(bool('digestPending', false)));
    await queryRunner.createIndex(
      'notifications',
      new TableIndex(index('ix_notifications_group', ['userId', 'groupKey'])),
    );
    await queryRunner.createIndex(
      'notifications',
      new TableIndex(index('ix_notifications_digest', ['digestPending', 'userId'])),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_preferences',
        columns: [
          { ...c.ref('userId'), isPrimary: true },
          { ...c.string('kind', 40), isPrimary: true },
          c.string('channel', 20),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_receipts',
        columns: [{ ...c.string('key', 160), isPrimary: true }, c.createdAt()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notification_receipts');
    await queryRunner.dropTable('notification_preferences');
    await queryRunner.dropIndex('notifications', 'ix_notifications_digest');
    await queryRunner.dropIndex('notifications', 'ix_notifications_group');
    for (const column of ['updatedAt', 'digestPending', 'action', 'count', 'groupKey', 'kind']) {
      await queryRunner.dropColumn('notifications', column);
    }
  }
}
