import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '../portable-columns';

/**
 * The calendar's indexes, extended so that its days are counted from them alone: after each
 * read's order (a variant's next time, an attempt's occurrence) comes the id that breaks ties (a
 * day's first entries are read in index order and stop at the few shown), then what the counts
 * group or filter by (state, account, post type), so a month is counted without reading a row.
 */
const EXTENDED: Array<{ table: string; name: string; before: string[]; after: string[] }> = [
  {
    table: 'post_variants',
    name: 'ix_post_variants_calendar',
    before: ['workspaceId', 'state', 'scheduledAt'],
    after: ['workspaceId', 'state', 'scheduledAt', 'id', 'accountId', 'postType'],
  },
  {
    table: 'publish_jobs',
    name: 'ix_publish_jobs_calendar',
    before: ['workspaceId', 'occurrenceAt'],
    after: ['workspaceId', 'occurrenceAt', 'variantId', 'status', 'accountId'],
  },
];

export class CalendarKeysIndex1765497600000 implements MigrationInterface {
  name = 'CalendarKeysIndex1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const e of EXTENDED) {
      await queryRunner.dropIndex(e.table, e.name);
      await queryRunner.createIndex(e.table, new TableIndex(index(e.name, e.after)));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const e of EXTENDED) {
      await queryRunner.dropIndex(e.table, e.name);
      await queryRunner.createIndex(e.table, new TableIndex(index(e.name, e.before)));
    }
  }
}
