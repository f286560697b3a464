import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Every column the overview sums, after its (workspaceId, day) range key. */
const OVERVIEW_INDEX_COLUMNS = [
  'workspaceId',
  'day',
  'network',
  'accountId',
  'impressions',
  'reach',
  'clicks',
  'engagement',
  'postsPublished',
  'followers',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
];

/** The heatmap's grouping key and the sums it reads. */
const HEATMAP_INDEX_COLUMNS = [
  'workspaceId',
  'weekday',
  'hour',
  'network',
  'accountId',
  'posts',
  'engagementSum',
  'basisSum',
];

/**
 * Covering indexes for the two dashboard reads that sum many rollup rows per request: the
 * overview (50 accounts × 180 days of account days) and the heatmap (168 cells per account). Read
 * from the index alone, in the order they group by, instead of a table lookup per row and a
 * temporary sort.
 */
export class AnalyticsReadIndexes1766016000000 implements MigrationInterface {
  name = 'AnalyticsReadIndexes1766016000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'analytics_account_days',
      new TableIndex({ name: 'ix_analytics_account_days_overview', columnNames: OVERVIEW_INDEX_COLUMNS }),
    );
    await queryRunner.createIndex(
      'analytics_best_time_cells',
      new TableIndex({ name: 'ix_analytics_best_time_cells_heatmap', columnNames: HEATMAP_INDEX_COLUMNS }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('analytics_best_time_cells', 'ix_analytics_best_time_cells_heatmap');
    await queryRunner.dropIndex('analytics_account_days', 'ix_analytics_account_days_overview');
  }
}
