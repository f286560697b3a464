import type { ConnectMode } from './connector';
import type { NetworkId } from './network-limits';

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
