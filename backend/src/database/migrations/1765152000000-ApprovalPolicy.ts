import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { portableColumns } from '../portable-columns';

/**
 * A workspace may hold posts for approval before they are scheduled (all posts, or those of some
 * roles); the approval remembers the schedule the post was composed with, applied on approval.
 * Both nullable: null is "no policy" and "no schedule held", so no fill step is needed. Posts now
 * show their latest request, read by post, newest first.
 */
export class ApprovalPolicy1765152000000 implements MigrationInterface {
  name = 'ApprovalPolicy1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.addColumn('workspaces', new TableColumn({ ...c.json('approvalPolicy'), isNullable: true }));
    await queryRunner.addColumn('approvals', new TableColumn({ ...c.json('heldSchedule'), isNullable: true }));
    await queryRunner.createIndex(
      'approvals',
      new TableIndex({ name: 'ix_approvals_post', columnNames: ['postId', 'createdAt', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('approvals', 'ix_approvals_post');
    await queryRunner.dropColumn('approvals', 'heldSchedule');
    await queryRunner.dropColumn('workspaces', 'approvalPolicy');
  }
}
