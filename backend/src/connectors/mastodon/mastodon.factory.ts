import { DataSource } from 'typeorm';
import { SecretBox } from '../../common/secret-box';
import type { AppConfig } from '../../config/app-config';
import { DatabaseMastodonAppStore } from './mastodon-app.store';
import { MastodonOAuthProvider } from './mastodon.oauth';

/** Mastodon needs no server app: one is registered on each instance as people connect. */
export function createMastodonOAuth(config: AppConfig, dataSource: DataSource): MastodonOAuthProvider {
  const store = new DatabaseMastodonAppStore(dataSource, new SecretBox(config.encryptionKey));
  return new MastodonOAuthProvider(store, {
    appName: 'SocialOrchestrator',
    website: config.publicUrl,
    allowPrivate: config.allowPrivateUrls,
  });
}
