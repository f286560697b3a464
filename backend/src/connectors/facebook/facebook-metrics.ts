import { AccountCredentials, AccountStats, NetworkPost, NO_METRICS, PostMetrics } from '../connector';
import type { PostType } from '../network-limits';
import { GraphObject, isObject, readGraphTime, stringField } from '../meta-graph/graph-body';
import { GraphClient } from '../meta-graph/graph-client';
import { listGraphPosts } from '../meta-graph/graph-listing';
import {
  chunks,
  GRAPH_IDS_PER_CALL,
  insightBreakdown,
  insightCount,
  insightsOf,
  insightsRefusal,
  readByIds,
  summaryCount,
} from '../meta-graph/graph-insights';

/**
 * Page post insights. Since Meta retired `post_impressions` / `post_impressions_unique` (Nov 2025),
 * views and unique viewers are `post_media_view` and `post_total_media_view_unique`. Link clicks
 * are the "link clicks" part of `post_clicks_by_type`; reactions by kind `post_reactions_by_type_total`.
 */
export const FACEBOOK_POST_INSIGHTS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_clicks_by_type',
  'post_reactions_by_type_total',
];
const POST_FIELDS = [
  'shares',
  'comments.summary(true).limit(0)',
  'reactions.summary(true).limit(0)',
  `insights.metric(${FACEBOOK_POST_INSIGHTS.join(',')})`,
].join(',');

export const FACEBOOK_NO_INSIGHTS =
  'Facebook does not let this app read the Page’s insights: reconnect the Page granting read_insights and pages_read_engagement';

/** Facebook names two reactions differently from the other networks. */
const REACTION_NAMES: Record<string, string> = { sorry: 'sad', anger: 'angry' };

/** How many pages of the Page's posts one listing reads (100 posts each). */
const MAX_LIST_PAGES = 20;
const WEB = 'https://www.facebook.com';

export async function fetchFacebookMetrics(
  graph: GraphClient,
  account: AccountCredentials,
  externalIds: string[],
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  for (const ids of chunks(externalIds, GRAPH_IDS_PER_CALL)) {
    const posts = await readByIds(graph, account.accessToken, ids, POST_FIELDS).catch((error: unknown) => {
      throw insightsRefusal(error, FACEBOOK_NO_INSIGHTS);
    });
    for (const [id, post] of posts) metrics.set(id, postMetrics(post));
  }
  return metrics;
}

/** Video views need a per-video read Graph has no batch for, so they are not collected (null). */
function postMetrics(post: GraphObject): PostMetrics {
  const insights = insightsOf(post);
  const clicks = insightBreakdown(insights, 'post_clicks_by_type');
  const byType = insightBreakdown(insights, 'post_reactions_by_type_total');
  return {
    ...NO_METRICS,
    impressions: insightCount(insights, 'post_media_view'),
    reach: insightCount(insights, 'post_total_media_view_unique'),
    clicks: clicks ? (clicks['link clicks'] ?? 0) : null,
    reactions: summaryCount(post.reactions),
    reactionsByType: byType ? renameReactions(byType) : null,
    comments: summaryCount(post.comments),
    // `shares` is absent until someone shares.
    shares: isObject(post.shares) && typeof post.shares.count === 'number' ? post.shares.count : 0,
  };
}

function renameReactions(byType: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byType).map(([kind, count]) => [REACTION_NAMES[kind] ?? kind, count]));
}

/** Followers of the Page; Facebook has no "following", post count or profile views here. */
export async function fetchFacebookPageStats(graph: GraphClient, account: AccountCredentials): Promise<AccountStats> {
  const read = (body: unknown) => (isObject(body) ? body : undefined);
  const page = await graph
    .get(`/${account.externalAccountId}`, account.accessToken, { fields: 'followers_count,fan_count' }, read)
    .catch((error: unknown) => {
      throw insightsRefusal(error, FACEBOOK_NO_INSIGHTS);
    });
  const count = (value: unknown) => (typeof value === 'number' ? value : null);
  return {
    followers: count(page.followers_count) ?? count(page.fan_count),
    following: null,
    posts: null,
    profileViews: null,
  };
}

/** The Page's published posts since `since`, newest first (Graph lists them so). */
export function listFacebookPosts(
  graph: GraphClient,
  account: AccountCredentials,
  since: Date,
): Promise<NetworkPost[]> {
  const listing = {
    path: `/${account.externalAccountId}/published_posts`,
    fields: 'id,message,created_time,permalink_url,attachments{media_type}',
    since,
    pageSize: 100,
    maxPages: MAX_LIST_PAGES,
  };
  return listGraphPosts(graph, account.accessToken, listing, networkPost).catch((error: unknown) => {
    throw insightsRefusal(error, FACEBOOK_NO_INSIGHTS);
  });
}

function networkPost(item: GraphObject): NetworkPost | null {
  const id = stringField(item, 'id');
  const publishedAt = readGraphTime(item.created_time);
  if (!id || !publishedAt) return null;
  const { postType, mediaKind } = kindOf(item);
  return {
    externalId: id,
    url: stringField(item, 'permalink_url') ?? `${WEB}/${id}`,
    text: typeof item.message === 'string' ? item.message : '',
    publishedAt,
    postType,
    mediaKind,
  };
}

function kindOf(item: GraphObject): { postType: PostType; mediaKind: 'image' | 'video' | null } {
  const first: unknown =
    isObject(item.attachments) && Array.isArray(item.attachments.data) ? item.attachments.data[0] : undefined;
  const type = isObject(first) ? first.media_type : undefined;
  if (type === 'photo' || type === 'album') return { postType: 'photo', mediaKind: 'image' };
  if (type === 'video') return { postType: 'video', mediaKind: 'video' };
  if (type === 'link' || type === 'share') return { postType: 'link', mediaKind: null };
  return { postType: 'status', mediaKind: null };
}
