import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { index, portableColumns } from '../portable-columns';

/** The table of our SQL backend for Agenda (`jobs/sql-job-repository.ts`). */
export class AgendaJobs1764115200000 implements MigrationInterface {
  name = 'AgendaJobs1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    // Booleans and floats appear in no earlier table, so they are resolved here the same way
    // portableColumns resolves the others: through the running driver, as the entity's types are.
    const driverType = (type: BooleanConstructor | 'float') => queryRunner.connection.driver.normalizeType({ type });
    const nullable = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isNullable: true });

    await queryRunner.createTable(
      new Table({
        name: 'agenda_jobs',
        columns: [
          c.id(),
          c.string('name', 255),
          c.string('uniqueKey', 80),
          c.int('priority'),
          c.string('type', 10),
          c.timestamp('nextRunAt', true),
          c.timestamp('lockedAt', true),
          c.timestamp('lastRunAt', true),
          c.timestamp('lastFinishedAt', true),
          c.timestamp('failedAt', true),
          nullable(c.int('failCount')),
          c.text('failReason', true),
          nullable(c.json('repeatInterval')),
          c.string('repeatTimezone', 100, true),
          c.string('repeatAt', 255, true),
          nullable(c.json('data')),
          { name: 'disabled', type: driverType(Boolean) },
          { name: 'progress', type: driverType('float'), isNullable: true },
          { name: 'fork', type: driverType(Boolean) },
          c.string('lastModifiedBy', 255, true),
          c.timestamp('debounceStartedAt', true),
          c.timestamp('startDate', true),
          c.timestamp('endDate', true),
          nullable(c.json('skipDays')),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          index('uq_agenda_jobs_unique_key', ['uniqueKey'], true),
          index('ix_agenda_jobs_name_next_run_at', ['name', 'nextRunAt']),
          index('ix_agenda_jobs_name_locked_at', ['name', 'lockedAt']),
          index('ix_agenda_jobs_next_run_at', ['nextRunAt']),
        ],
      }),
      true,
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('agenda_jobs', true, true, true);
  }
}
