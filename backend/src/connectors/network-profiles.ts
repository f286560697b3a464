import type { ConnectMode } from './connector';
import { BLUESKY_OPTION_FIELDS } from './bluesky/bluesky.options';
import { GOOGLE_BUSINESS_OPTION_FIELDS } from './google-business/google-business.options';
import { MASTODON_OPTION_FIELDS } from './mastodon/mastodon.options';
import type { NetworkId } from './network-limits';
import type { OptionField } from './option-fields';
import { PINTEREST_OPTION_FIELDS } from './pinterest/pinterest.options';
import { TELEGRAM_OPTION_FIELDS } from './telegram/telegram.options';
import { THREADS_OPTION_FIELDS } from './threads/threads.options';
import { TIKTOK_OPTION_FIELDS } from './tiktok/tiktok.options';
import { WORDPRESS_OPTION_FIELDS } from './wordpress/wordpress.options';
import { YOUTUBE_OPTION_FIELDS } from './youtube/youtube.options';

/** How a network presents itself on the accounts page and in the composer. */
export interface NetworkProfile {
  connect: ConnectMode;
  /** The brand colour its logo mark is drawn in (our own mark, not the network's artwork). */
  colour: string;
  /** The person names their own server (a Mastodon instance) before signing in. */
  instanceUrl: boolean;
}

const oauth = (colour: string, instanceUrl = false): NetworkProfile => ({ connect: 'oauth', colour, instanceUrl });
const credentials = (colour: string): NetworkProfile => ({ connect: 'credentials', colour, instanceUrl: false });

/** Every network's way in and colour; the one place they are kept. */
export const NETWORK_PROFILES: Record<NetworkId, NetworkProfile> = {
  sandbox: { connect: 'demo', colour: '#6b7280', instanceUrl: false },
  facebook: oauth('#1877f2'),
  instagram: oauth('#e4405f'),
  x: oauth('#000000'),
  linkedin: oauth('#0a66c2'),
  bluesky: credentials('#1185fe'),
  mastodon: oauth('#6364ff', true),
  threads: oauth('#101010'),
  telegram: credentials('#26a5e4'),
  wordpress: credentials('#21759b'),
  pinterest: oauth('#e60023'),
  youtube: oauth('#ff0000'),
  tiktok: oauth('#ee1d52'),
  'google-business': oauth('#4285f4'),
};

/** Each network's own options as the composer shows them; beside each network's option rules. */
export const NETWORK_OPTION_FIELDS: Record<NetworkId, OptionField[]> = {
  sandbox: [],
  facebook: [],
  instagram: [],
  x: [],
  linkedin: [],
  bluesky: BLUESKY_OPTION_FIELDS,
  mastodon: MASTODON_OPTION_FIELDS,
  threads: THREADS_OPTION_FIELDS,
  telegram: TELEGRAM_OPTION_FIELDS,
  wordpress: WORDPRESS_OPTION_FIELDS,
  pinterest: PINTEREST_OPTION_FIELDS,
  youtube: YOUTUBE_OPTION_FIELDS,
  tiktok: TIKTOK_OPTION_FIELDS,
  'google-business': GOOGLE_BUSINESS_OPTION_FIELDS,
};
