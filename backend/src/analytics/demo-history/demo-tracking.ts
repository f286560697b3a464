import type { EntityManager } from 'typeorm';
import type { NetworkId, PostType } from '../../connectors/network-limits';
import { insertRows } from '../../database/insert-rows';
import { hashtagsIn, tagKey } from '../../hashtags/hashtag-text';
import { AnalyticsPostHashtag } from '../analytics-post-hashtag.entity';
import { AnalyticsPost } from '../analytics-post.entity';
import { AnalyticsSql } from '../analytics-sql';
import { COLLECT_OFFSETS_MS, nextCollection } from '../cadence';
import { localSlot } from '../local-time';
import { RollupWriter } from '../rollup-writer';

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
    // Collection goes on from the first read still ahead; the ones behind are the history's snapshots.
    const next = nextCollection(post.publishedAt, now);
    rows.push({
      ...post,
      id: post.variantId,
      external: false,
      text: post.text.slice(0, 500),
      url: null,
      publishedDay: slot.day,
      publishedWeekday: slot.weekday,
      publishedHour: slot.hour,
      nextCollectAt: next.at,
      collectStep: next.step,
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
