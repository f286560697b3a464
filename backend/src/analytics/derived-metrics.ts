import type { NetworkId } from '../connectors/network-limits';
import type { RateBasis } from './analytics-post.entity';

/** The counts derivations read; any may be null (not provided by the network). */
export interface CountsForDerivation {
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  reactions: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
}

export interface DerivedMetrics {
  engagement: number | null;
  engagementRate: number | null;
  rateBasis: RateBasis | null;
  ctr: number | null;
}

/** Networks whose own engagement figure counts saves (Instagram's does); elsewhere saves stand apart. */
export const SAVES_COUNT_IN_ENGAGEMENT: Record<NetworkId, boolean> = {
  sandbox: false,
  facebook: false,
  instagram: true,
  x: false,
  linkedin: false,
  bluesky: false,
  // Mastodon's bookmarks and Threads' saves are not offered through their APIs.
  mastodon: false,
  threads: false,
  // Pinterest's own engagement counts saves; a Business Profile post has none.
  pinterest: true,
  'google-business': false,
  wordpress: false,
  youtube: false,
  tiktok: false,
  // Telegram has no saves.
  telegram: false,
};

/** The formulas as the UI shows them beside the figures. */
export const METRIC_FORMULAS = {
  engagement: 'Engagement = reactions + comments + shares + link clicks (+ saves on Instagram)',
  engagementRate: 'Engagement rate = engagement ÷ reach × 100 (÷ impressions where the network gives no reach)',
  ctr: 'CTR = link clicks ÷ impressions × 100',
} as const;

/** Sum of the parts that are not null; null when every part is null. */
export function sumOfProvided(parts: Array<number | null>): number | null {
  let total: number | null = null;
  for (const part of parts) if (part !== null) total = (total ?? 0) + part;
  return total;
}

export function engagementOf(network: NetworkId, counts: CountsForDerivation): number | null {
  const parts = [counts.reactions, counts.comments, counts.shares, counts.clicks];
  if (SAVES_COUNT_IN_ENGAGEMENT[network]) parts.push(counts.saves);
  return sumOfProvided(parts);
}

/** `part ÷ whole × 100`; null when either is missing or there is nothing to divide by. */
export function percent(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return (part / whole) * 100;
}

/** The rate's basis: reach, else impressions where the network gives no reach. */
export function rateBasisOf(counts: Pick<CountsForDerivation, 'reach' | 'impressions'>): RateBasis | null {
  if (counts.reach !== null) return 'reach';
  return counts.impressions !== null ? 'impressions' : null;
}

export function derivedMetrics(network: NetworkId, counts: CountsForDerivation): DerivedMetrics {
  const engagement = engagementOf(network, counts);
  const rateBasis = rateBasisOf(counts);
  const basis = rateBasis === null ? null : counts[rateBasis];
  return {
    engagement,
    engagementRate: percent(engagement, basis),
    rateBasis,
    ctr: percent(counts.clicks, counts.impressions),
  };
}
