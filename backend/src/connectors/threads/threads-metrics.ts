import { AccountCredentials, AccountStats, NetworkPost, NO_METRICS, PostMetrics } from '../connector';
import { GraphObject, readGraphTime, readInsights, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphFailure } from '../meta-graph/graph-client';
import { insightsRefusal } from '../meta-graph/graph-insights';
import { listGraphPosts } from '../meta-graph/graph-listing';
import type { PostType } from '../network-limits';

const POST_METRICS = 'views,likes,replies,reposts,quotes,shares';
const MISSING_INSIGHTS =
  'Threads insights need the threads_manage_insights permission: reconnect the account and allow it';
/** Bounds how many pages of threads listPosts follows (100 each). */
const MAX_PAGES = 10;

/** Graph code 100: the id is not a thread this account can see (deleted). */
const isGone = (error: unknown) => error instanceof GraphFailure && error.graph.code === 100;

/**
 * Views are the thread's impressions; reposts, quotes and shares (sends) are all ways of passing it
 * on. Threads reports no reach, clicks or saves.
 */
function postMetrics(insights: Map<string, number>): PostMetrics {
  const get = (name: string) => insights.get(name) ?? null;
  const passedOn = ['reposts', 'quotes', 'shares'].map(get);
  return {
    ...NO_METRICS,
    impressions: get('views'),
    reactions: get('likes'),
    comments: get('replies'),
    shares: passedOn.every((n) => n === null) ? null : passedOn.reduce<number>((sum, n) => sum + (n ?? 0), 0),
  };
}

/** One insights call per thread (Threads has no batch read); a deleted thread is left out. */
export async function fetchThreadsMetrics(
  graph: GraphClient,
  account: AccountCredentials,
  ids: string[],
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  for (const id of ids) {
    try {
      const insights = await graph.get(`/${id}/insights`, account.accessToken, { metric: POST_METRICS }, readInsights);
      metrics.set(id, postMetrics(insights));
    } catch (error) {
      if (isGone(error)) continue;
      throw insightsRefusal(error, MISSING_INSIGHTS);
    }
  }
  return metrics;
}

export async function fetchThreadsAccountStats(graph: GraphClient, account: AccountCredentials): Promise<AccountStats> {
  try {
    const insights = await graph.get(
      `/${account.externalAccountId}/threads_insights`,
      account.accessToken,
      { metric: 'followers_count' },
      readInsights,
    );
    return { followers: insights.get('followers_count') ?? null, following: null, posts: null, profileViews: null };
  } catch (error) {
    throw insightsRefusal(error, MISSING_INSIGHTS);
  }
}

export const THREAD_FIELDS = 'id,text,timestamp,permalink,media_type';

/** The account's threads since `since`, newest first. */
export function listThreadsPosts(graph: GraphClient, account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
  const path = `/${account.externalAccountId}/threads`;
  return listGraphPosts(
    graph,
    account.accessToken,
    { path, fields: THREAD_FIELDS, since, pageSize: 100, maxPages: MAX_PAGES },
    networkPost,
  );
}

const POST_TYPES: Record<string, { postType: PostType; mediaKind: NetworkPost['mediaKind'] }> = {
  TEXT_POST: { postType: 'status', mediaKind: null },
  IMAGE: { postType: 'photo', mediaKind: 'image' },
  VIDEO: { postType: 'video', mediaKind: 'video' },
  CAROUSEL_ALBUM: { postType: 'carousel', mediaKind: 'image' },
};

function networkPost(item: GraphObject): NetworkPost | null {
  const id = stringField(item, 'id');
  const publishedAt = readGraphTime(item.timestamp);
  if (!id || !publishedAt) return null;
  const kind = POST_TYPES[stringField(item, 'media_type') ?? ''] ?? POST_TYPES.TEXT_POST;
  return {
    externalId: id,
    url: stringField(item, 'permalink') ?? null,
    text: stringField(item, 'text') ?? '',
    publishedAt,
    ...kind,
  };
}
