import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { portableColumns } from '../portable-columns';

/**
 * The Sandbox keeps a post's network options (poll choices and length, title, first comment) as a
 * real network would show them. Nullable: posts it published before had none, so no fill step.
 */
export class SandboxPostOptions1765324800000 implements MigrationInterface {
  name = 'SandboxPostOptions1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.addColumn('sandbox_posts', new TableColumn({ ...c.json('options'), isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('sandbox_posts', 'options');
  }
}
