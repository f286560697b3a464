import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { PostMetrics } from '../connector';

/** What the Sandbox's audience reacts to: when the post went out, what it carries, who follows. */
export interface SandboxMetricsInput {
  postId: string;
  publishedAt: Date;
  now: Date;
  /** The workspace's zone: the audience lives by its clock, so best times show up in local hours. */
  timeZone: string;
  hashtags: number;
  mediaKind: 'image' | 'video' | null;
  followers: number;
}

/**
 * The Sandbox audience's week, as multipliers of reach and of engagement rate. Tuesday to Thursday
 * are the good days; 9–11 and 18–20 local time the good hours; nights and weekends are quiet. The
 * differences are wide on purpose, so a few dozen posts are enough for the heatmap to show them.
 */
const WEEKDAY_FACTOR: Record<number, number> = { 1: 1.0, 2: 1.25, 3: 1.3, 4: 1.25, 5: 0.95, 6: 0.75, 7: 0.7 };

function hourFactor(hour: number): number {
  if (hour >= 9 && hour <= 11) return 1.5;
  if (hour >= 18 && hour <= 20) return 1.35;
  if (hour >= 12 && hour <= 17) return 1.0;
  if (hour === 7 || hour === 8 || hour === 21) return 0.8;
  if (hour === 22 || hour === 6) return 0.6;
  return 0.4;
}

/** A few hashtags help people find a post; many make it look like spam. Peak at 2–4. */
export function hashtagFactor(hashtags: number): number {
  const table = [1.0, 1.12, 1.25, 1.3, 1.25, 1.1];
  return hashtags < table.length ? table[hashtags] : Math.max(0.45, 1.1 - 0.1 * (hashtags - 5));
}

/** Video holds attention best, then images, then text. */
const MEDIA_RATE = { video: 1.5, image: 1.25, text: 1.0 } as const;
const MEDIA_REACH = { video: 1.2, image: 1.1, text: 1.0 } as const;

/** Reactions by kind, as shares of all reactions; `like` takes the rounding remainder. */
const REACTION_MIX: Array<[string, number]> = [
  ['love', 0.14],
  ['haha', 0.05],
  ['wow', 0.03],
  ['sad', 0.01],
  ['angry', 0.01],
];

/** Fast in the first hours, then levelling; a small tail keeps it creeping up for days. 0 at publish. */
export function sandboxGrowth(hoursSincePublish: number): number {
  const h = Math.max(0, hoursSincePublish);
  return 0.85 * (1 - Math.exp(-h / 6)) + 0.15 * (1 - Math.exp(-h / 96));
}

/**
 * Plausible, deterministic metrics of a Sandbox post at `now`. Each post has its own luck (from its
 * id) around what its timing, hashtags, media and audience size predict; every metric is a fixed
 * share of the post's final figure times the same growth curve, so each only ever grows.
 */
export function sandboxMetrics(input: SandboxMetricsInput): PostMetrics {
  const seed = createHash('sha256').update(input.postId).digest();
  const luck = (byte: number) => 0.75 + (seed[byte] / 255) * 0.5;
  const local = DateTime.fromJSDate(input.publishedAt, { zone: input.timeZone });
  const timing = (WEEKDAY_FACTOR[local.weekday] ?? 1) * hourFactor(local.hour);
  const media = input.mediaKind ?? 'text';
  const tags = hashtagFactor(input.hashtags);
  const followers = Math.max(0, input.followers);

  const finalReach = (followers * 0.3 + 40) * timing * tags * MEDIA_REACH[media] * luck(0);
  // Bigger audiences engage less per head, as on real networks.
  const audience = Math.pow(1000 / Math.max(100, followers), 0.15);
  const rate = 0.045 * timing * tags * MEDIA_RATE[media] * audience * luck(1);
  const engaged = finalReach * rate;

  const growth = sandboxGrowth((input.now.getTime() - input.publishedAt.getTime()) / 3600_000);
  const grown = (final: number) => Math.round(final * growth);
  const reactionsFinal = engaged * 0.7 * luck(2);
  const byType: Record<string, number> = {};
  for (const [kind, share] of REACTION_MIX) byType[kind] = grown(reactionsFinal * share);
  byType.like = grown(reactionsFinal) - Object.values(byType).reduce((a, b) => a + b, 0);
  const reach = grown(finalReach);
  return {
    impressions: grown(finalReach * (1.25 + (seed[3] / 255) * 0.4)),
    reach,
    clicks: grown(engaged * 0.14 * luck(4)),
    reactions: grown(reactionsFinal),
    reactionsByType: byType,
    comments: grown(engaged * 0.1 * luck(5)),
    shares: grown(engaged * 0.06 * luck(6)),
    saves: grown(engaged * 0.08 * luck(7)),
    videoViews: media === 'video' ? grown(finalReach * 0.65 * luck(8)) : null,
  };
}

const DAY_MS = 86_400_000;
/** Sandbox accounts' history starts here; followers before it are the account's starting audience. */
const ORIGIN = Date.UTC(2024, 0, 1);

/**
 * The account's followers on `day`: a starting audience of 800–5,000 (from the id) growing about
 * 0.2 % a day, with a gentle wobble so some days lose a few followers, as real accounts do.
 */
export function sandboxFollowers(externalAccountId: string, day: Date): number {
  const seed = createHash('sha256').update(externalAccountId).digest();
  const start = 800 + (seed.readUInt16BE(0) % 4200);
  const days = Math.max(0, Math.floor((day.getTime() - ORIGIN) / DAY_MS));
  const pace = 0.0015 + (seed[2] / 255) * 0.001;
  const wobble = Math.sin(days / 3 + seed[3]) * start * 0.002;
  return Math.max(0, Math.round(start * (1 + pace * days) + wobble));
}
