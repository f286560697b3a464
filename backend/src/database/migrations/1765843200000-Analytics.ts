import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/**
 * Analytics: tracked posts with their latest metrics, raw snapshots, and the day rollups kept
 * current as snapshots arrive (per post, account, hashtag, best-time cell and competitor).
 * Every table reaches the workspace by one cascade path only (SQL Server refuses two): tables
 * under a tracked post or a competitor cascade from it, not from the workspace.
 */
export class Analytics1765843200000 implements MigrationInterface {
  name = 'Analytics1765843200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const driverType = (type: BooleanConstructor | 'real') => queryRunner.connection.driver.normalizeType({ type });
    const nullable = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isNullable: true });
    const count = (name: string) => nullable(c.int(name));
    const real = (name: string): TableColumnOptions => ({ name, type: driverType('real'), isNullable: true });
    const metrics = () =>
      ['impressions', 'reach', 'clicks', 'reactions', 'comments', 'shares', 'saves', 'videoViews', 'engagement'].map(
        count,
      );
    const key = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isPrimary: true });
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);

    await create(
      new Table({
        name: 'analytics_posts',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.ref('accountId'),
          c.string('network', 20),
          c.string('externalId', 255),
          c.ref('postId', true),
          c.ref('variantId', true),
          { name: 'external', type: driverType(Boolean) },
          c.ref('authorId', true),
          c.string('postType', 20),
          c.string('mediaKind', 10, true),
          c.text('text'),
          c.string('url', 2048, true),
          c.timestamp('publishedAt'),
          c.string('publishedDay', 10),
          c.int('publishedWeekday'),
          c.int('publishedHour'),
          ...metrics(),
          nullable(c.json('reactionsByType')),
          real('engagementRate'),
          real('ctr'),
          c.string('rateBasis', 12, true),
          c.timestamp('metricsTakenAt', true),
          c.timestamp('nextCollectAt', true),
          c.int('collectStep', 0),
          c.int('collectAttempts', 0),
          c.ref('collectClaim', true),
          c.text('unavailableReason', true),
        ],
        indices: [
          index('uq_analytics_posts_external', ['accountId', 'externalId'], true),
          index('ix_analytics_posts_published', ['workspaceId', 'publishedAt', 'id']),
          index('ix_analytics_posts_engagement', ['workspaceId', 'engagement', 'id']),
          index('ix_analytics_posts_rate', ['workspaceId', 'engagementRate', 'id']),
          index('ix_analytics_posts_impressions', ['workspaceId', 'impressions', 'id']),
          index('ix_analytics_posts_reach', ['workspaceId', 'reach', 'id']),
          index('ix_analytics_posts_clicks', ['workspaceId', 'clicks', 'id']),
          index('ix_analytics_posts_account', ['accountId', 'publishedAt']),
          index('ix_analytics_posts_due', ['nextCollectAt']),
        ],
        foreignKeys: [foreignKey('fk_analytics_posts_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_post_hashtags',
        columns: [key(c.ref('analyticsPostId')), key(c.string('tag', 100)), c.ref('workspaceId')],
        indices: [index('ix_analytics_post_hashtags_tag', ['workspaceId', 'tag'])],
        foreignKeys: [foreignKey('fk_analytics_post_hashtags_post', 'analyticsPostId', 'analytics_posts')],
      }),
    );
    await create(
      new Table({
        name: 'post_metric_snapshots',
        columns: [
          c.id(),
          c.ref('analyticsPostId'),
          c.ref('workspaceId'),
          c.timestamp('takenAt'),
          ...metrics(),
          nullable(c.json('reactionsByType')),
        ],
        indices: [
          index('ix_post_metric_snapshots_post', ['analyticsPostId', 'takenAt']),
          index('ix_post_metric_snapshots_taken', ['takenAt']),
        ],
        foreignKeys: [foreignKey('fk_post_metric_snapshots_post', 'analyticsPostId', 'analytics_posts')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_post_days',
        columns: [
          key(c.ref('analyticsPostId')),
          key(c.string('day', 10)),
          c.ref('workspaceId'),
          c.ref('accountId'),
          c.timestamp('takenAt'),
          ...metrics(),
        ],
        foreignKeys: [foreignKey('fk_analytics_post_days_post', 'analyticsPostId', 'analytics_posts')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_account_days',
        columns: [
          key(c.ref('accountId')),
          key(c.string('day', 10)),
          c.ref('workspaceId'),
          c.string('network', 20),
          ...metrics(),
          c.int('postsPublished', 0),
          count('followers'),
          count('following'),
          count('posts'),
          count('profileViews'),
        ],
        indices: [index('ix_analytics_account_days_workspace', ['workspaceId', 'day'])],
        foreignKeys: [foreignKey('fk_analytics_account_days_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_hashtag_days',
        columns: [
          key(c.ref('workspaceId')),
          key(c.string('tag', 100)),
          key(c.string('day', 10)),
          count('impressions'),
          count('reach'),
          count('clicks'),
          count('engagement'),
          c.int('postsPublished', 0),
        ],
        indices: [index('ix_analytics_hashtag_days_workspace', ['workspaceId', 'day'])],
        foreignKeys: [foreignKey('fk_analytics_hashtag_days_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_best_time_cells',
        columns: [
          key(c.ref('workspaceId')),
          key(c.ref('accountId')),
          key(c.int('weekday')),
          key(c.int('hour')),
          c.string('network', 20),
          c.int('posts', 0),
          c.int('engagementSum', 0),
          c.int('basisSum', 0),
        ],
        foreignKeys: [foreignKey('fk_analytics_best_time_cells_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_competitors',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('network', 20),
          c.string('handle', 100),
          c.string('name', 100),
          c.string('externalId', 255),
          c.createdAt(),
          c.text('unavailableReason', true),
        ],
        indices: [index('uq_analytics_competitors_handle', ['workspaceId', 'network', 'handle'], true)],
        foreignKeys: [foreignKey('fk_analytics_competitors_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_competitor_days',
        columns: [
          key(c.ref('competitorId')),
          key(c.string('day', 10)),
          c.ref('workspaceId'),
          count('followers'),
          count('following'),
          count('posts'),
          c.int('postsPublished', 0),
          count('engagement'),
          count('impressions'),
          real('engagementRate'),
          nullable(c.json('mix')),
        ],
        foreignKeys: [foreignKey('fk_analytics_competitor_days_competitor', 'competitorId', 'analytics_competitors')],
      }),
    );
    await create(
      new Table({
        name: 'analytics_accounts',
        columns: [
          key(c.ref('accountId')),
          c.ref('workspaceId'),
          c.string('network', 20),
          c.text('unavailableReason', true),
          c.timestamp('lastSyncAt', true),
          c.timestamp('syncCooldownUntil', true),
          c.string('lastStatsDay', 10, true),
          c.timestamp('lastListedAt', true),
        ],
        foreignKeys: [foreignKey('fk_analytics_accounts_workspace', 'workspaceId', 'workspaces')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'analytics_accounts',
      'analytics_competitor_days',
      'analytics_competitors',
      'analytics_best_time_cells',
      'analytics_hashtag_days',
      'analytics_account_days',
      'analytics_post_days',
      'post_metric_snapshots',
      'analytics_post_hashtags',
      'analytics_posts',
    ]) {
      await queryRunner.dropTable(table, true);
    }
  }
}
