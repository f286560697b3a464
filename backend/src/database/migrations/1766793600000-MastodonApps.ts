import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { portableColumns } from '../portable-columns';

/**
 * Mastodon apps registered per instance, and the instance a connect attempt is for (the callback
 * is shared by every instance, so the attempt remembers where to exchange the code).
 */
export class MastodonApps1766793600000 implements MigrationInterface {
  name = 'MastodonApps1766793600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = portableColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'mastodon_apps',
        columns: [
          { ...c.string('instanceUrl', 255), isPrimary: true },
          c.string('redirectUri', 500),
          c.string('clientId', 255),
          c.text('clientSecretSealed'),
          c.createdAt(),
        ],
      }),
      true,
    );
    await queryRunner.addColumn('oauth_attempts', new TableColumn(c.string('instanceUrl', 255, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('oauth_attempts', 'instanceUrl');
    await queryRunner.dropTable('mastodon_apps');
  }
}
