import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { index, portableColumns } from '../portable-columns';

/**
 * Runs of the editor's "Test" carry the draft they ran (a dry run); a retry names the run it
 * retries. Runs are searched by status a page at a time per automation: at a million runs that
 * search must walk an index on (automationId, status, id), not filter the automation's runs.
 */
export class RunTestsAndSearch1766448000000 implements MigrationInterface {
  name = 'RunTestsAndSearch1766448000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.addColumn('automation_runs', new TableColumn({ ...c.json('draftGraph'), isNullable: true }));
    await queryRunner.addColumn('automation_runs', new TableColumn(c.ref('retryOf', true)));
    await queryRunner.createIndex(
      'automation_runs',
      new TableIndex(index('ix_automation_runs_automation_status', ['automationId', 'status', 'id'])),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('automation_runs', 'ix_automation_runs_automation_status');
    await queryRunner.dropColumn('automation_runs', 'retryOf');
    await queryRunner.dropColumn('automation_runs', 'draftGraph');
  }
}
