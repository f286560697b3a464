import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '../portable-columns';

/**
 * A run's steps are read a page at a time in id order (ids are time-ordered by when each step
 * started): the index that served "every step of a run by start time" now serves that page.
 */
export class RunStepPages1764547200000 implements MigrationInterface {
  name = 'RunStepPages1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('automation_run_steps', 'ix_automation_run_steps_run');
    await queryRunner.createIndex(
      'automation_run_steps',
      new TableIndex(index('ix_automation_run_steps_run', ['runId', 'id'])),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('automation_run_steps', 'ix_automation_run_steps_run');
    await queryRunner.createIndex(
      'automation_run_steps',
      new TableIndex(index('ix_automation_run_steps_run', ['runId', 'startedAt'])),
    );
  }
}
