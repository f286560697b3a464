import type { NetworkId, PostType } from '../connectors/network-limits';

/** A network's publishing quota per account over a rolling window. */
export interface Quota {
  network: NetworkId;
  /** The post types it counts; undefined counts every post. */
  postTypes?: PostType[];
  max: number;
  windowHours: number;
  /** How the error and the calendar name it. */
  label: string;
}

/**
 * Published limits (2026): Instagram's content publishing API allows 50 posts per account per
 * 24 h; Facebook allows 30 Reels per Page per 24 h; X's Basic tier 100 posts per user per 24 h;
 * LinkedIn 150 member shares per day. The Sandbox has one so the calendar's warning can be tried.
 */
export const QUOTAS: Quota[] = [
  { network: 'instagram', max: 50, windowHours: 24, label: 'Instagram: 50 API posts per account per 24 hours' },
  {
    network: 'facebook',
    postTypes: ['reel'],
    max: 30,
    windowHours: 24,
    label: 'Facebook: 30 Reels per Page per 24 hours',
  },
  { network: 'x', max: 100, windowHours: 24, label: 'X (Basic tier): 100 posts per user per 24 hours' },
  { network: 'linkedin', max: 150, windowHours: 24, label: 'LinkedIn: 150 posts per member per day' },
  // The API quota is the app's (10,000 units a Pacific day, 1,600 an upload); the connector's ledger enforces it exactly.
  { network: 'youtube', max: 6, windowHours: 24, label: 'YouTube: 6 uploads per day (10,000 API units, 1,600 each)' },
  { network: 'tiktok', max: 15, windowHours: 24, label: 'TikTok: about 15 API posts per creator per 24 hours' },
  { network: 'sandbox', max: 25, windowHours: 24, label: 'Sandbox: 25 posts per account per 24 hours' },
];

export const quotaFor = (network: NetworkId, postType: PostType): Quota | undefined =>
  QUOTAS.find((q) => q.network === network && (!q.postTypes || q.postTypes.includes(postType)));

/** Share of a quota at which the calendar warns that a day is near it. */
export const QUOTA_WARNING_SHARE = 0.8;

/**
 * Whether one more post at `at` keeps every rolling window that contains it within the quota,
 * given the account's other counted times. Windows are checked ending at each counted time and at
 * `at`, which is where the count inside a sliding window can peak.
 */
export function fitsQuota(quota: Quota, at: Date, others: Date[]): boolean {
  const window = quota.windowHours * 3600_000;
  const times = [...others.map((d) => d.getTime()), at.getTime()].sort((a, b) => a - b);
  const t = at.getTime();
  return times
    .filter((end) => end >= t && end - window < t)
    .every((end) => times.filter((x) => x <= end && x > end - window).length <= quota.max);
}
