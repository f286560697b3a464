import type { NetworkId } from '../core/api.types';

/**
 * How the derived figures are counted, in the words the API's METRIC_FORMULAS uses
 * (backend/src/analytics/derived-metrics.ts): shown beside the figures.
 */
export const METRIC_FORMULAS = {
  engagement: 'Engagement = reactions + comments + shares + link clicks (+ saves on Instagram)',
  engagementRate: 'Engagement rate = engagement ÷ reach × 100 (÷ impressions where the network gives no reach)',
  ctr: 'CTR = link clicks ÷ impressions × 100',
} as const;

/** The metrics' names as pages write them. */
export const METRIC_LABELS: Record<string, string> = {
  followers: 'Followers',
  followersGained: 'Followers gained',
  following: 'Following',
  impressions: 'Impressions',
  reach: 'Reach',
  clicks: 'Link clicks',
  reactions: 'Reactions',
  comments: 'Comments',
  shares: 'Shares',
  saves: 'Saves',
  videoViews: 'Video views',
  engagement: 'Engagement',
  engagementRate: 'Engagement rate',
  ctr: 'CTR',
  postsPublished: 'Posts published',
  publishedAt: 'Published',
};

const NETWORK_NAMES: Record<NetworkId, string> = {
  sandbox: 'Sandbox',
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
};

export function networkName(network: string): string {
  return NETWORK_NAMES[network as NetworkId] ?? network;
}

/** "Not provided by X and LinkedIn". */
export function notProvidedText(networks: string[]): string {
  const names = networks.map(networkName);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return `Not provided by ${list ?? 'this network'}`;
}
