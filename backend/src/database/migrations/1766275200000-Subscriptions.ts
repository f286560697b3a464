import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { foreignKey, index, portableColumns } from '../portable-columns';

/**
 * REST hook subscriptions (Zapier's instant triggers, Make, n8n) and their deliveries: each event
 * becomes a row per subscription before anything is sent, so a crash loses none.
 */
export class Subscriptions1766275200000 implements MigrationInterface {
  name = 'Subscriptions1766275200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    const nullable = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isNullable: true });
    const create = (table: Table) => queryRunner.createTable(table, true, true, true);

    await create(
      new Table({
        name: 'subscriptions',
        columns: [
          c.id(),
          c.ref('workspaceId'),
          c.string('event', 40),
          c.string('targetUrl', 2000),
          c.text('secretSealed'),
          c.ref('createdById'),
          c.string('status', 20),
          c.string('disabledReason', 500, true),
          c.int('consecutiveFailures', 0),
          c.timestamp('failingSince', true),
          c.timestamp('lastDeliveryAt', true),
          c.createdAt(),
        ],
        indices: [
          index('ix_subscriptions_workspace', ['workspaceId', 'id']),
          index('ix_subscriptions_event', ['workspaceId', 'event', 'status']),
        ],
        foreignKeys: [foreignKey('fk_subscriptions_workspace', 'workspaceId', 'workspaces')],
      }),
    );
    await create(
      new Table({
        name: 'subscription_deliveries',
        columns: [
          c.id(),
          c.ref('subscriptionId'),
          c.ref('workspaceId'),
          c.string('eventKey', 160),
          c.text('body'),
          c.string('status', 20),
          c.int('attempts', 0),
          c.timestamp('nextAttemptAt', true),
          c.timestamp('leaseUntil', true),
          nullable(c.int('responseStatus')),
          c.string('responseExcerpt', 500, true),
          c.createdAt(),
          c.timestamp('deliveredAt', true),
        ],
        indices: [
          index('ix_subscription_deliveries_subscription', ['subscriptionId', 'id']),
          index('uq_subscription_deliveries_event', ['subscriptionId', 'eventKey'], true),
          index('ix_subscription_deliveries_due', ['status', 'nextAttemptAt']),
        ],
        foreignKeys: [foreignKey('fk_subscription_deliveries_subscription', 'subscriptionId', 'subscriptions')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('subscription_deliveries', true);
    await queryRunner.dropTable('subscriptions', true);
  }
}
