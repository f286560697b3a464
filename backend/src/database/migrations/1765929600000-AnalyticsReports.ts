import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/**
 * Analytics reports: generated PDFs (bytes in the media blob store), report schedules, and files
 * attached to outbox emails (a scheduled report's PDF), which the outbox had no room for.
 */
export class AnalyticsReports1765929600000 implements MigrationInterface {
  name = 'AnalyticsReports1765929600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const nullable = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isNullable: true });
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);

    await create(
      new Table({
        name: 'analytics_reports',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('fromDay', 10),
          c.string('toDay', 10),
          nullable(c.json('accountIds')),
          nullable(c.json('networks')),
          c.ref('createdBy', true),
          c.ref('scheduleId', true),
          c.createdAt(),
          c.int('byteSize'),
          c.string('storageKey', 300),
        ],
        indices: [index('ix_analytics_reports_workspace', ['workspaceId', 'id'])],
        foreignKeys: [foreignKey('fk_analytics_reports_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_report_schedules',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('name', 100),
          c.string('frequency', 10),
          nullable(c.int('weekday')),
          nullable(c.int('monthDay')),
          c.int('hour'),
          c.json('memberIds'),
          c.json('emails'),
          c.ref('createdBy'),
          c.createdAt(),
          c.timestamp('nextRunAt', true),
          c.timestamp('lastRunAt', true),
          c.timestamp('cancelledAt', true),
        ],
        indices: [
          index('ix_analytics_report_schedules_workspace', ['workspaceId', 'id']),
          index('ix_analytics_report_schedules_due', ['nextRunAt']),
        ],
        foreignKeys: [foreignKey('fk_analytics_report_schedules_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'outbox_attachments',
        columns: [
          c.id(),
          c.ref('emailId'),
          c.int('position'),
          c.string('filename', 255),
          c.string('contentType', 100),
          c.int('byteSize'),
          c.text('contentBase64'),
        ],
        indices: [index('ix_outbox_attachments_email', ['emailId', 'position'])],
        foreignKeys: [foreignKey('fk_outbox_attachments_email', 'emailId', 'outbox_emails')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('outbox_attachments', true);
    await queryRunner.dropTable('analytics_report_schedules', true);
    await queryRunner.dropTable('analytics_reports', true);
  }
}
