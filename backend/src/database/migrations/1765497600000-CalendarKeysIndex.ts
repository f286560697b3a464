import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { index } from '../portable-columns';

const TABLE = 'post_variants';
const NAME = 'ix_post_variants_calendar';
const BEFORE = ['workspaceId', 'state', 'scheduledAt'];
/** The same order, then every column an entry's key needs, so a month's summary reads the index alone. */
const AFTER = [...BEFORE, 'accountId', 'postType', 'postId', 'id'];

/**
 * The calendar's due variants are read from their index alone: a month of 8,000 entries is counted
 * by day without fetching each variant's row (a month's summary read 8,000 rows only to count them).
 */
export class CalendarKeysIndex1765497600000 implements MigrationInterface {
  name = 'CalendarKeysIndex1765497600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(TABLE, NAME);
    await queryRunner.createIndex(TABLE, new TableIndex(index(NAME, AFTER)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(TABLE, NAME);
    await queryRunner.createIndex(TABLE, new TableIndex(index(NAME, BEFORE)));
  }
}
