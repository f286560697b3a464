import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig, NetworkAppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { Connector, CredentialsProvider, NetworkEndpoints, OAuthProvider } from './connector';
import { createBlueskyConnector, createBlueskyCredentials } from './bluesky/bluesky.factory';
import { FacebookConnector } from './facebook/facebook.connector';
import { GoogleBusinessConnector } from './google-business/google-business.connector';
import { GoogleBusinessOAuthProvider } from './google-business/google-business.oauth';
import { GOOGLE_DEFAULT_URLS } from './google/google-hosts';
import { InstagramConnector } from './instagram/instagram.connector';
import { LinkedInConnector } from './linkedin/linkedin.connector';
import { LINKEDIN_DEFAULT_URLS, LinkedInOAuthProvider } from './linkedin/linkedin.oauth';
import { facebookOAuthProvider, instagramOAuthProvider, META_DEFAULT_URLS } from './meta-graph/meta-oauth';
import { MastodonConnector } from './mastodon/mastodon.connector';
import { createMastodonOAuth } from './mastodon/mastodon.factory';
import type { NetworkId } from './network-limits';
import { NetworkDirectory } from './network-directory';
import { NetworksController } from './networks.controller';
import { PINTEREST_DEFAULT_URLS } from './pinterest/pinterest.api';
import { PinterestConnector } from './pinterest/pinterest.connector';
import { PinterestOAuthProvider } from './pinterest/pinterest.oauth';
import { SandboxConnector } from './sandbox/sandbox.connector';
import { THREADS_DEFAULT_URLS } from './threads/threads.api';
import { ThreadsConnector } from './threads/threads.connector';
import { ThreadsOAuthProvider } from './threads/threads.oauth';
import { TelegramConnector } from './telegram/telegram.connector';
import { TelegramCredentialsProvider } from './telegram/telegram.credentials';
import { WordPressConnector } from './wordpress/wordpress.connector';
import { WordPressCredentialsProvider } from './wordpress/wordpress.credentials';
import { X_DEFAULT_URLS, XOAuthProvider } from './x/x.oauth';
import { XConnector } from './x/x.connector';
import { TIKTOK_DEFAULT_URLS } from './tiktok/tiktok.api';
import { TikTokConnector } from './tiktok/tiktok.connector';
import { TikTokOAuthProvider } from './tiktok/tiktok.oauth';
import { YouTubeConnector } from './youtube/youtube.connector';
import { YouTubeOAuthProvider } from './youtube/youtube.oauth';

export const CONNECTORS = Symbol('CONNECTORS');
export const OAUTH_PROVIDERS = Symbol('OAUTH_PROVIDERS');
export const CREDENTIALS_PROVIDERS = Symbol('CREDENTIALS_PROVIDERS');

export type ConnectorMap = Partial<Record<NetworkId, Connector>>;
export type OAuthProviderMap = Partial<Record<NetworkId, OAuthProvider>>;
export type CredentialsProviderMap = Partial<Record<NetworkId, CredentialsProvider>>;

type Defaults = Pick<NetworkEndpoints, 'apiBaseUrl' | 'authBaseUrl'>;

/** A configured app's endpoints, with the network's public hosts unless the configuration overrides them. */
function endpoints(app: NetworkAppConfig | null, defaults: Defaults): NetworkEndpoints | null {
  if (!app) return null;
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    apiBaseUrl: app.apiBaseUrl ?? defaults.apiBaseUrl,
    authBaseUrl: app.authBaseUrl ?? defaults.authBaseUrl,
  };
}

function networkEndpoints(config: AppConfig) {
  return {
    meta: endpoints(config.networks.meta, META_DEFAULT_URLS),
    threads: endpoints(config.networks.meta, { ...THREADS_DEFAULT_URLS, apiBaseUrl: config.threadsApiUrl }),
    x: endpoints(config.networks.x, X_DEFAULT_URLS),
    linkedin: endpoints(config.networks.linkedin, LINKEDIN_DEFAULT_URLS),
    pinterest: endpoints(config.networks.pinterest, PINTEREST_DEFAULT_URLS),
    google: endpoints(config.networks.google, GOOGLE_DEFAULT_URLS),
    tiktok: endpoints(config.networks.tiktok, TIKTOK_DEFAULT_URLS),
  };
}

/** Connectors for every network the server can publish to; real networks need their app credentials. */
export function createConnectors(dataSource: DataSource, config: AppConfig): ConnectorMap {
  const { meta, threads, x, linkedin, pinterest, google, tiktok } = networkEndpoints(config);
  return {
    sandbox: new SandboxConnector(dataSource),
    bluesky: createBlueskyConnector(config),
    mastodon: new MastodonConnector(),
    wordpress: new WordPressConnector({ allowPrivate: config.allowPrivateUrls }),
    telegram: new TelegramConnector(config.telegram),
    ...(pinterest && { pinterest: new PinterestConnector(pinterest) }),
    ...(google && { 'google-business': new GoogleBusinessConnector(google) }),
    ...(google && { youtube: new YouTubeConnector(google, dataSource) }),
    ...(tiktok && { tiktok: new TikTokConnector(tiktok, dataSource) }),
    ...(meta && { facebook: new FacebookConnector(meta), instagram: new InstagramConnector(meta) }),
    ...(threads && { threads: new ThreadsConnector(threads) }),
    ...(x && { x: new XConnector(x) }),
    ...(linkedin && { linkedin: new LinkedInConnector(linkedin) }),
  };
}

/** `dataSource` keeps the apps registered per Mastodon instance; without it Mastodon is left out. */
export function createOAuthProviders(config: AppConfig, dataSource?: DataSource): OAuthProviderMap {
  const { meta, threads, x, linkedin, pinterest, google, tiktok } = networkEndpoints(config);
  return {
    ...(dataSource && { mastodon: createMastodonOAuth(config, dataSource) }),
    ...(pinterest && { pinterest: new PinterestOAuthProvider(pinterest) }),
    ...(google && { 'google-business': new GoogleBusinessOAuthProvider(google) }),
    ...(google && { youtube: new YouTubeOAuthProvider(google) }),
    ...(tiktok && { tiktok: new TikTokOAuthProvider(tiktok) }),
    ...(meta && { facebook: facebookOAuthProvider(meta), instagram: instagramOAuthProvider(meta) }),
    ...(threads && { threads: new ThreadsOAuthProvider(threads) }),
    ...(x && { x: new XOAuthProvider(x) }),
    ...(linkedin && { linkedin: new LinkedInOAuthProvider(linkedin) }),
  };
}

/** Networks connected with pasted credentials (bot token, app password); each adds its own entry. */
export function createCredentialsProviders(config: AppConfig): CredentialsProviderMap {
  return {
    bluesky: createBlueskyCredentials(config),
    wordpress: new WordPressCredentialsProvider({ allowPrivate: config.allowPrivateUrls }),
    telegram: new TelegramCredentialsProvider(config.telegram),
  };
}

@Global()
@Module({
  controllers: [NetworksController],
  providers: [
    { provide: CONNECTORS, inject: [DataSource, APP_CONFIG], useFactory: createConnectors },
    { provide: OAUTH_PROVIDERS, inject: [APP_CONFIG, DataSource], useFactory: createOAuthProviders },
    { provide: CREDENTIALS_PROVIDERS, inject: [APP_CONFIG], useFactory: createCredentialsProviders },
    {
      provide: NetworkDirectory,
      inject: [CONNECTORS, OAUTH_PROVIDERS, CREDENTIALS_PROVIDERS],
      useFactory: (connectors: ConnectorMap, oauth: OAuthProviderMap, credentials: CredentialsProviderMap) =>
        new NetworkDirectory(connectors, oauth, credentials),
    },
  ],
  exports: [CONNECTORS, OAUTH_PROVIDERS, CREDENTIALS_PROVIDERS, NetworkDirectory],
})
export class ConnectorsModule {}
