import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { PostMetrics, PublicAccount, PublicAccountNotFoundError, PublicPost } from '../connector';
import type { PostType } from '../network-limits';
import { sandboxFollowers, sandboxMetrics } from './sandbox-metrics';

/** How far back a competitor's recent posts reach, as public profiles show about a month. */
const RECENT_DAYS = 30;
/** What a competitor posts, with the media each kind carries. */
const KINDS: Array<{ postType: PostType; mediaKind: 'image' | 'video' | null }> = [
  { postType: 'status', mediaKind: null },
  { postType: 'photo', mediaKind: 'image' },
  { postType: 'video', mediaKind: 'video' },
  { postType: 'link', mediaKind: null },
];
/** Hours competitors tend to post at (local): mostly good ones, some not. */
const POSTING_HOURS = [9, 10, 11, 12, 14, 18, 19, 20, 7, 22];

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `@Acme_Coffee` and `acme_coffee` are the same account. */
export function sandboxHandleKey(handle: string): string {
  const key = handle.trim().replace(/^@/, '').toLowerCase();
  if (!/^[a-z0-9_.]{1,30}$/.test(key))
    throw new PublicAccountNotFoundError(`"${handle}" is not a Sandbox handle (1–30 letters, digits, "_" or ".")`);
  return key;
}

/**
 * A made-up public account for any handle: its size, posting rhythm, content mix and luck come
 * from the handle, so the same competitor looks the same every time it is looked up.
 */
export function sandboxCompetitor(handle: string, now: Date, timeZone: string): PublicAccount {
  const key = sandboxHandleKey(handle);
  const externalId = `sandbox-competitor-${key}`;
  const seed = digest(externalId);
  const followers = sandboxFollowers(externalId, now) * (1 + (seed[0] % 4));
  const postsPerDay = 0.3 + (seed[1] / 255) * 0.9;
  const recentPosts = recentPostsOf(externalId, postsPerDay, followers, now, timeZone);
  return {
    externalId,
    handle: key,
    name: key
      .split(/[_.]+/)
      .filter(Boolean)
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join(' '),
    followers,
    following: 50 + (seed.readUInt16BE(2) % 900),
    posts: 40 + Math.round(postsPerDay * 700) + recentPosts.length,
    recentPosts,
  };
}

/** At most one post a local day, newest first; a day's dice say whether, when and what. */
function recentPostsOf(
  externalId: string,
  postsPerDay: number,
  followers: number,
  now: Date,
  timeZone: string,
): PublicPost[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const posts: PublicPost[] = [];
  for (let back = 0; back < RECENT_DAYS; back++) {
    const day = today.minus({ days: back });
    const dice = digest(`${externalId}:${day.toISODate()}`);
    if (dice[0] / 255 >= postsPerDay) continue;
    const publishedAt = day
      .set({ hour: POSTING_HOURS[dice[1] % POSTING_HOURS.length], minute: dice[2] % 60 })
      .toJSDate();
    if (publishedAt > now) continue;
    const kind = KINDS[dice[3] % KINDS.length];
    const postId = `${externalId}-${day.toISODate()}`;
    const metrics = sandboxMetrics({
      postId,
      publishedAt,
      now,
      timeZone,
      hashtags: dice[4] % 7,
      mediaKind: kind.mediaKind,
      followers,
    });
    posts.push({ externalId: postId, publishedAt, postType: kind.postType, metrics: publicPart(metrics) });
  }
  return posts;
}

/** What anyone can see of someone else's post: counts on the post, not its reach, clicks or saves. */
function publicPart(metrics: PostMetrics): PostMetrics {
  return { ...metrics, reach: null, clicks: null, saves: null };
}
