import type { EntityManager } from 'typeorm';
import type { NetworkId, PostType } from '../../connectors/network-limits';
import { insertRows } from '../../database/insert-rows';
import { hashtagsIn, tagKey } from '../../hashtags/hashtag-text';
import { AnalyticsPostHashtag } from '../analytics-post-hashtag.entity';
import { AnalyticsPost } from '../analytics-post.entity';
import { AnalyticsSql } from '../analytics-sql';
import { localSlot } from '../local-time';
import { RollupWriter } from '../rollup-writer';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** When a post's metrics are read after it went out: +1 h, 6 h, 24 h, 3 d, 7 d, 30 d, then weekly to 90 d. */
export const COLLECT_OFFSETS_MS: readonly number[] = [
  HOUR_MS,
  6 * HOUR_MS,
  DAY_MS,
  3 * DAY_MS,
  7 * DAY_MS,
  30 * DAY_MS,
  ...Array.from({ length: 8 }, (_, i) => (37 + 7 * i) * DAY_MS),
  90 * DAY_MS,
];

/** The cadence times of a post published at `publishedAt` that are already past at `now`. */
export const pastCollections = (publishedAt: Date, now: Date): Date[] =>
  COLLECT_OFFSETS_MS.map((offset) => new Date(publishedAt.getTime() + offset)).filter((at) => at <= now);

/** One of our published posts to track, as the demo history wrote it. */
export interface TrackedDemoPost {
  workspaceId: string;
  accountId: string;
  network: NetworkId;
  postId: string;
  variantId: string;
  externalId: string;
  authorId: string | null;
  postType: PostType;
  mediaKind: 'image' | 'video' | null;
  text: string;
  publishedAt: Date;
}

/**
 * The bulk tracking path for past posts: their analytics_posts rows (id = variant id, as for any
 * post of ours), hashtags, and the publishing counts of their account and hashtag days — in one
 * transaction with multi-row inserts. Collection goes on from the cadence step the history reached
 * (the recorded snapshots are the steps already past); metrics enter through AnalyticsIngest.
 */
export async function trackDemoPosts(
  em: EntityManager,
  timeZone: string,
  posts: TrackedDemoPost[],
  now: Date,
): Promise<void> {
  const rollups = new RollupWriter();
  const rows: Array<Partial<AnalyticsPost>> = [];
  const tags: AnalyticsPostHashtag[] = [];
  for (const post of posts) {
    const slot = localSlot(post.publishedAt, timeZone);
    const done = pastCollections(post.publishedAt, now).length;
    const next = COLLECT_OFFSETS_MS[done];
    rows.push({
      ...post,
      id: post.variantId,
      external: false,
      text: post.text.slice(0, 500),
      url: null,
      publishedDay: slot.day,
      publishedWeekday: slot.weekday,
      publishedHour: slot.hour,
      nextCollectAt: next === undefined ? null : new Date(post.publishedAt.getTime() + next),
      collectStep: done,
    });
    const owner = { workspaceId: post.workspaceId, accountId: post.accountId, network: post.network };
    rollups.addAccountDay(owner, slot.day, null, 1);
    for (const tag of new Set(hashtagsIn(post.text).map(tagKey))) {
      tags.push({ analyticsPostId: post.variantId, tag, workspaceId: post.workspaceId } as AnalyticsPostHashtag);
      rollups.addHashtagDay(post.workspaceId, tag, slot.day, null, 1);
    }
  }
  await insertRows(em, AnalyticsPost, rows);
  await insertRows(em, AnalyticsPostHashtag, tags);
  await rollups.flush(new AnalyticsSql(em));
}
