import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

const GAINS = [
  'impressions',
  'reach',
  'clicks',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
  'engagement',
];

/** The overview's sums after its (workspaceId, day) range key. */
const OVERVIEW_INDEX_COLUMNS = [
  'workspaceId',
  'day',
  'network',
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

/** The hashtag table's sums after its (workspaceId, day) range key: the read never leaves the index. */
const HASHTAG_INDEX_COLUMNS = [
  'workspaceId',
  'day',
  'tag',
  'postsPublished',
  'impressions',
  'reach',
  'clicks',
  'engagement',
];

/**
 * The workspace day rollup (per network, so the networks filter and "not provided by" still read
 * it), filled from the account days it sums; and a covering index for the hashtag table.
 */
export class AnalyticsWorkspaceDays1767139200000 implements MigrationInterface {
  name = 'AnalyticsWorkspaceDays1767139200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const count = (name: string): TableColumnOptions => ({ ...c.int(name), isNullable: true });
    const key = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isPrimary: true });
    await queryRunner.createTable(
      new Table({
        name: 'analytics_workspace_days',
        columns: [
          key(c.ref('workspaceId')),
          key(c.string('day', 10)),
          key(c.string('network', 20)),
          ...GAINS.map(count),
          c.int('postsPublished', 0),
          count('followers'),
        ],
        indices: [index('ix_analytics_workspace_days_overview', OVERVIEW_INDEX_COLUMNS)],
        foreignKeys: [foreignKey('fk_analytics_workspace_days_workspace', 'workspaceId', 'workspaces')],
      }),
      true,
      true,
      true,
    );
    const q = (name: string) => queryRunner.connection.driver.escape(name);
    const summed = [...GAINS, 'postsPublished', 'followers'];
    await queryRunner.query(
      `INSERT INTO ${q('analytics_workspace_days')} (${['workspaceId', 'day', 'network', ...summed].map(q).join(', ')})
       SELECT ${q('workspaceId')}, ${q('day')}, ${q('network')}, ${summed.map((m) => `SUM(${q(m)})`).join(', ')}
       FROM ${q('analytics_account_days')} GROUP BY ${q('workspaceId')}, ${q('day')}, ${q('network')}`,
    );
    await queryRunner.createIndex(
      'analytics_hashtag_days',
      new TableIndex({ name: 'ix_analytics_hashtag_days_table', columnNames: HASHTAG_INDEX_COLUMNS }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('analytics_hashtag_days', 'ix_analytics_hashtag_days_table');
    await queryRunner.dropTable('analytics_workspace_days', true);
  }
}
