import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { index, portableColumns } from '../portable-columns';

/** Indexes whose order is each list's order, replacing the ones they extend. */
const REPLACED: Array<{ table: string; name: string; before: string[]; after: string[] }> = [
  {
    table: 'posts',
    name: 'ix_posts_workspace_state',
    before: ['workspaceId', 'state'],
    after: ['workspaceId', 'state', 'id'],
  },
  {
    table: 'automation_runs',
    name: 'ix_automation_runs_automation',
    before: ['automationId', 'startedAt'],
    after: ['automationId', 'id'],
  },
  {
    table: 'approvals',
    name: 'ix_approvals_workspace_status',
    before: ['workspaceId', 'status'],
    after: ['workspaceId', 'status', 'id'],
  },
];

const ADDED: Array<{ table: string; name: string; columns: string[] }> = [
  { table: 'posts', name: 'ix_posts_workspace', columns: ['workspaceId', 'id'] },
  { table: 'post_variants', name: 'ix_post_variants_calendar', columns: ['workspaceId', 'state', 'scheduledAt'] },
  { table: 'publish_jobs', name: 'ix_publish_jobs_calendar', columns: ['workspaceId', 'occurrenceAt'] },
  { table: 'publish_jobs', name: 'ix_publish_jobs_post', columns: ['postId', 'occurrenceAt', 'id'] },
  { table: 'notifications', name: 'ix_notifications_list', columns: ['workspaceId', 'userId', 'id'] },
  { table: 'schedules', name: 'ix_schedules_workspace_type', columns: ['workspaceId', 'type'] },
];

/**
 * Every list and the calendar read through an index that serves their WHERE and ORDER BY (at
 * 100,000 posts a page of 50 was a sort of every post). Schedules learn their workspace so the
 * calendar finds a workspace's repeating schedules without reading its one-off ones.
 */
export class ListIndexes1764374400000 implements MigrationInterface {
  name = 'ListIndexes1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    // Added nullable, filled from the post, then required: portable where a NOT NULL column without default is not.
    await queryRunner.addColumn('schedules', new TableColumn(c.ref('workspaceId', true)));
    await queryRunner.query(
      `UPDATE ${q(queryRunner, 'schedules')} SET ${q(queryRunner, 'workspaceId')} = (SELECT p.${q(queryRunner, 'workspaceId')} FROM ${q(queryRunner, 'posts')} p WHERE p.${q(queryRunner, 'id')} = ${q(queryRunner, 'schedules')}.${q(queryRunner, 'postId')})`,
    );
    await queryRunner.changeColumn('schedules', 'workspaceId', new TableColumn(c.ref('workspaceId')));
    for (const r of REPLACED) {
      await queryRunner.dropIndex(r.table, r.name);
      await queryRunner.createIndex(r.table, new TableIndex(index(r.name, r.after)));
    }
    for (const a of ADDED) await queryRunner.createIndex(a.table, new TableIndex(index(a.name, a.columns)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const a of ADDED) await queryRunner.dropIndex(a.table, a.name);
    for (const r of REPLACED) {
      await queryRunner.dropIndex(r.table, r.name);
      await queryRunner.createIndex(r.table, new TableIndex(index(r.name, r.before)));
    }
    await queryRunner.dropColumn('schedules', 'workspaceId');
  }
}

const q = (queryRunner: QueryRunner, name: string) => queryRunner.connection.driver.escape(name);
