import { DataSource } from 'typeorm';
import type { SecretBox } from '../../common/secret-box';
import { MastodonApp } from './mastodon-app.entity';

/** The app credentials this server holds on one instance. */
export interface InstanceApp {
  clientId: string;
  clientSecret: string;
}

/** Where registered apps are kept: the `mastodon_apps` table, secrets sealed. */
export interface MastodonAppStore {
  find(instanceUrl: string, redirectUri: string): Promise<InstanceApp | null>;
  save(instanceUrl: string, redirectUri: string, app: InstanceApp): Promise<void>;
}

export class DatabaseMastodonAppStore implements MastodonAppStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
  ) {}

  /** An app registered for another callback URL (the server moved) is not usable: null. */
  async find(instanceUrl: string, redirectUri: string): Promise<InstanceApp | null> {
    const row = await this.dataSource.getRepository(MastodonApp).findOneBy({ instanceUrl });
    if (!row || row.redirectUri !== redirectUri) return null;
    return { clientId: row.clientId, clientSecret: this.secrets.open(row.clientSecretSealed) };
  }

  async save(instanceUrl: string, redirectUri: string, app: InstanceApp): Promise<void> {
    const row = {
      instanceUrl,
      redirectUri,
      clientId: app.clientId,
      clientSecretSealed: this.secrets.seal(app.clientSecret),
    };
    await this.dataSource.getRepository(MastodonApp).upsert(row, ['instanceUrl']);
  }
}
