import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { portableColumns } from '../portable-columns';

/**
 * An automation remembers the recipe template it was started from (null: built from scratch, or
 * made before this was kept), so the home checklist's "start an automation from a template" ticks
 * for that and not for any blank automation.
 */
export class AutomationTemplateOrigin1765670400000 implements MigrationInterface {
  name = 'AutomationTemplateOrigin1765670400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.addColumn('automations', new TableColumn(c.string('templateId', 100, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('automations', 'templateId');
  }
}
