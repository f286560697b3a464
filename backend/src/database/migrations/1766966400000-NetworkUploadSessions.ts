import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { index, portableColumns } from '../portable-columns';

/**
 * Uploads a publish attempt began on a network without idempotency keys (YouTube's resumable
 * session, TikTok's publish_id), and the API units spent per account and quota day (YouTube).
 */
export class NetworkUploadSessions1766966400000 implements MigrationInterface {
  name = 'NetworkUploadSessions1766966400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'network_upload_sessions',
        columns: [
          { ...c.string('network', 20), isPrimary: true },
          { ...c.string('idempotencyKey', 80), isPrimary: true },
          c.string('accountExternalId', 255),
          c.text('sessionRef'),
          c.string('state', 20),
          c.string('externalId', 255, true),
          c.timestamp('progressAt'),
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'network_quota_usage',
        columns: [
          { ...c.string('network', 20), isPrimary: true },
          { ...c.string('accountExternalId', 255), isPrimary: true },
          { ...c.string('day', 10), isPrimary: true },
          c.int('units'),
        ],
        indices: [index('ix_network_quota_usage_day', ['network', 'day'])],
      }),
      true,
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('network_quota_usage', true);
    await queryRunner.dropTable('network_upload_sessions', true);
  }
}
