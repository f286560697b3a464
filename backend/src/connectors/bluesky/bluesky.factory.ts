import type { AppConfig } from '../../config/app-config';
import { LinkPreviews } from '../../link-previews/link-previews.service';
import { BlueskyConnector } from './bluesky.connector';
import { BlueskyCredentialsProvider } from './bluesky.credentials';
import { linkCardReader } from './bluesky.link-card';
import { BlueskySessions, guardedFetch } from './bluesky.session';

/**
 * Every call to a person-given PDS goes through the private-network guard (OUTBOUND_ALLOW_PRIVATE_URLS
 * lifts it). Bluesky needs no server settings: each account names its own PDS.
 */
export function createBlueskyConnector(config: AppConfig): BlueskyConnector {
  const cards = linkCardReader(new LinkPreviews(config), config.allowPrivateUrls);
  return new BlueskyConnector(cards, new BlueskySessions(guardedFetch(config.allowPrivateUrls)));
}

export function createBlueskyCredentials(config: AppConfig): BlueskyCredentialsProvider {
  return new BlueskyCredentialsProvider(guardedFetch(config.allowPrivateUrls));
}
