import { AccountCredentials, AccountStats, NetworkPost, NO_METRICS, PostMetrics } from '../connector';
import type { PostType } from '../network-limits';
import { GraphObject, isObject, readGraphTime, readInsights, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphFailure } from '../meta-graph/graph-client';
import { listGraphPosts } from '../meta-graph/graph-listing';
import {
  chunks,
  GRAPH_IDS_PER_CALL,
  insightCount,
  insightsOf,
  insightsRefusal,
  isPermissionRefusal,
  readByIds,
} from '../meta-graph/graph-insights';

/**
 * Media insights per Meta's current list: `views` replaced `impressions` and `video_views`; stories
 * have no `saved`. Likes and comments are fields of the media itself (no insights permission needed).
 */
export const INSTAGRAM_FEED_INSIGHTS = ['reach', 'saved', 'shares', 'views'];
export const INSTAGRAM_STORY_INSIGHTS = ['reach', 'shares', 'views'];
const MEDIA_FIELDS = 'id,media_type,media_product_type,like_count,comments_count';

export const INSTAGRAM_NO_INSIGHTS =
  'Instagram does not let this app read the account’s insights: reconnect it granting instagram_manage_insights';

/** How many pages of the account's media one listing reads (50 each). */
const MAX_LIST_PAGES = 20;

export const count = (value: unknown) => (typeof value === 'number' ? value : null);
export const readObject = (body: unknown) => (isObject(body) ? body : undefined);

export async function fetchInstagramMetrics(
  graph: GraphClient,
  account: AccountCredentials,
  externalIds: string[],
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  for (const ids of chunks(externalIds, GRAPH_IDS_PER_CALL)) {
    const media = await readByIds(graph, account.accessToken, ids, MEDIA_FIELDS);
    const stories = [...media.values()].filter(isStory).map((m) => String(m.id));
    const others = [...media.keys()].filter((id) => !stories.includes(id));
    const insights = new Map([
      ...(await readInsightsOf(graph, account, others, INSTAGRAM_FEED_INSIGHTS)),
      ...(await readInsightsOf(graph, account, stories, INSTAGRAM_STORY_INSIGHTS)),
    ]);
    for (const [id, item] of media) metrics.set(id, mediaMetrics(item, insights.get(id) ?? new Map()));
  }
  return metrics;
}

const isStory = (media: GraphObject) => media.media_product_type === 'STORY';
const isVideo = (media: GraphObject) => media.media_type === 'VIDEO' || media.media_product_type === 'REELS';

/**
 * Insights of several media in one call. A story seen by fewer than five people refuses with
 * code 10 "Not enough viewers": then each is read alone and that one simply has no insights.
 */
async function readInsightsOf(
  graph: GraphClient,
  account: AccountCredentials,
  ids: string[],
  names: string[],
): Promise<Map<string, Map<string, unknown>>> {
  const fields = `insights.metric(${names.join(',')})`;
  const read = async (some: string[]) => {
    const objects = await readByIds(graph, account.accessToken, some, fields);
    return new Map([...objects].map(([id, object]) => [id, insightsOf(object)]));
  };
  try {
    return await read(ids);
  } catch (error) {
    if (!tooFewViewers(error)) throw insightsRefusal(error, INSTAGRAM_NO_INSIGHTS);
  }
  const insights = new Map<string, Map<string, unknown>>();
  for (const id of ids) {
    const one = await read([id]).catch((error: unknown) => {
      if (tooFewViewers(error)) return new Map<string, Map<string, unknown>>();
      throw insightsRefusal(error, INSTAGRAM_NO_INSIGHTS);
    });
    for (const [key, value] of one) insights.set(key, value);
  }
  return insights;
}

function tooFewViewers(error: unknown): boolean {
  return error instanceof GraphFailure && error.graph.code === 10 && /not enough viewers/i.test(error.graph.message);
}

/** Instagram has no link clicks on media and no reaction kinds (only likes). */
function mediaMetrics(media: GraphObject, insights: Map<string, unknown>): PostMetrics {
  const views = insightCount(insights, 'views');
  return {
    ...NO_METRICS,
    impressions: views,
    reach: insightCount(insights, 'reach'),
    reactions: count(media.like_count),
    comments: count(media.comments_count),
    shares: insightCount(insights, 'shares'),
    saves: isStory(media) ? null : insightCount(insights, 'saved'),
    videoViews: isVideo(media) ? views : null,
  };
}

/** Followers, following and media count; profile views when the token may read account insights. */
export async function fetchInstagramAccountStats(
  graph: GraphClient,
  account: AccountCredentials,
): Promise<AccountStats> {
  const user = await graph.get(
    `/${account.externalAccountId}`,
    account.accessToken,
    { fields: 'followers_count,follows_count,media_count' },
    readObject,
  );
  return {
    followers: count(user.followers_count),
    following: count(user.follows_count),
    posts: count(user.media_count),
    profileViews: await profileViews(graph, account),
  };
}

async function profileViews(graph: GraphClient, account: AccountCredentials): Promise<number | null> {
  const params = { metric: 'profile_views', period: 'day', metric_type: 'total_value' };
  try {
    const insights = await graph.get(
      `/${account.externalAccountId}/insights`,
      account.accessToken,
      params,
      readInsights,
    );
    return insights.get('profile_views') ?? null;
  } catch (error) {
    // The other figures are still worth keeping without insights.
    if (isPermissionRefusal(error)) return null;
    throw error;
  }
}

/** The account's media since `since`, newest first. */
export function listInstagramPosts(
  graph: GraphClient,
  account: AccountCredentials,
  since: Date,
): Promise<NetworkPost[]> {
  const listing = {
    path: `/${account.externalAccountId}/media`,
    fields: 'id,caption,media_type,media_product_type,permalink,timestamp',
    since,
    pageSize: 50,
    maxPages: MAX_LIST_PAGES,
  };
  return listGraphPosts(graph, account.accessToken, listing, networkPost);
}

function networkPost(item: GraphObject): NetworkPost | null {
  const id = stringField(item, 'id');
  const publishedAt = readGraphTime(item.timestamp);
  if (!id || !publishedAt) return null;
  return {
    externalId: id,
    url: stringField(item, 'permalink') ?? null,
    text: typeof item.caption === 'string' ? item.caption : '',
    publishedAt,
    ...instagramPostKind(item),
  };
}

/** What kind of post an Instagram media is, from its type and product type. */
export function instagramPostKind(item: GraphObject): { postType: PostType; mediaKind: 'image' | 'video' | null } {
  if (item.media_product_type === 'REELS') return { postType: 'reel', mediaKind: 'video' };
  if (item.media_product_type === 'STORY')
    return { postType: 'story', mediaKind: item.media_type === 'VIDEO' ? 'video' : 'image' };
  if (item.media_type === 'CAROUSEL_ALBUM') return { postType: 'carousel', mediaKind: 'image' };
  if (item.media_type === 'VIDEO') return { postType: 'video', mediaKind: 'video' };
  return { postType: 'photo', mediaKind: 'image' };
}
