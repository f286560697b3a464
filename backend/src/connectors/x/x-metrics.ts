import {
  AccountCredentials,
  AccountStats,
  MetricsUnavailableError,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
  PublicAccount,
  PublicAccountNotFoundError,
} from '../connector';
import type { PostType } from '../network-limits';
import { parseReply, valueAt } from '../oauth2/network-http';
import { X_LABEL, XApi } from './x.api';

/** GET /2/tweets takes at most 100 ids. */
export const X_IDS_PER_CALL = 100;

/**
 * X keeps non-public metrics (link clicks) for 30 days after posting and refuses them after; a
 * post's age is read from its id (a snowflake), with a day's margin.
 */
const NON_PUBLIC_DAYS = 29;
const SNOWFLAKE_EPOCH_MS = 1288834974657;
const DAY_MS = 86_400_000;
/** How many pages of 100 posts one listing reads. */
const MAX_LIST_PAGES = 10;
/** Recent posts a competitor lookup reads. */
const COMPETITOR_POSTS = 20;
/** X handles: letters, digits and "_", at most 15. */
const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

export const X_NO_METRICS =
  'X does not let this app read the account’s posts: reconnect the X account granting tweet.read and users.read';

const MEDIA_FIELDS = 'expansions=attachments.media_keys&media.fields=type,public_metrics';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

/** When X created a post, from its id. */
export function xPostCreatedAt(id: string): Date | null {
  try {
    return new Date(Number(BigInt(id) >> 22n) + SNOWFLAKE_EPOCH_MS);
  } catch {
    return null;
  }
}

/**
 * Public metrics of up to 100 posts per call; link clicks (non-public) for those younger than 30
 * days. Where X refuses the non-public part (403) the public part is read alone and clicks stay null.
 */
export async function fetchXMetrics(
  api: XApi,
  account: AccountCredentials,
  externalIds: string[],
  now: Date,
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  const recent = (id: string) => (xPostCreatedAt(id)?.getTime() ?? 0) > now.getTime() - NON_PUBLIC_DAYS * DAY_MS;
  const young = externalIds.filter(recent);
  const old = externalIds.filter((id) => !recent(id));
  for (let i = 0; i < young.length; i += X_IDS_PER_CALL) {
    const ids = young.slice(i, i + X_IDS_PER_CALL);
    const read = await readTweets(api, account, ids, 'public_metrics,non_public_metrics');
    for (const [id, m] of read ?? (await readPublic(api, account, ids))) metrics.set(id, m);
    // X may refuse the non-public fields of single posts (an error naming the post, no data): those
    // are read again with public metrics only; posts it no longer has stay out.
    const refused = read ? ids.filter((id) => !read.has(id) && !read.gone.has(id)) : [];
    if (refused.length) for (const [id, m] of await readPublic(api, account, refused)) metrics.set(id, m);
  }
  for (let i = 0; i < old.length; i += X_IDS_PER_CALL)
    for (const [id, m] of await readPublic(api, account, old.slice(i, i + X_IDS_PER_CALL))) metrics.set(id, m);
  return metrics;
}

async function readPublic(api: XApi, account: AccountCredentials, ids: string[]): Promise<Map<string, PostMetrics>> {
  const metrics = await readTweets(api, account, ids, 'public_metrics');
  if (!metrics) throw new MetricsUnavailableError(X_NO_METRICS);
  return metrics;
}

/** Metrics by post id, and the ids X says it does not have. */
type TweetMetrics = Map<string, PostMetrics> & { gone: Set<string> };

/** null when X answers 403 (the fields asked for are not allowed to this token). */
async function readTweets(
  api: XApi,
  account: AccountCredentials,
  ids: string[],
  fields: string,
): Promise<TweetMetrics | null> {
  const path = `/2/tweets?ids=${ids.map(encodeURIComponent).join(',')}&tweet.fields=${fields},attachments&${MEDIA_FIELDS}`;
  const reply = await api.send(account.accessToken, 'GET', path, undefined, [403]);
  if (reply.status === 403) return null;
  const body = parseReply(reply, X_LABEL);
  const views = videoViewsByMedia(body);
  const metrics: TweetMetrics = Object.assign(
    new Map(list(valueAt(body, 'data')).map((tweet) => [String(tweet.id), tweetMetrics(tweet, views)])),
    { gone: goneIds(body) },
  );
  return metrics;
}

/** Posts X no longer has (or never had) are listed under `errors` as resource-not-found. */
function goneIds(body: unknown): Set<string> {
  const notFound = list(valueAt(body, 'errors')).filter(
    (error) => String(error.type ?? '').endsWith('/resource-not-found') || error.title === 'Not Found Error',
  );
  return new Set(notFound.map((error) => String(error.resource_id ?? error.value)));
}

/** media_key → view count, for videos only. */
function videoViewsByMedia(body: unknown): Map<string, number> {
  const views = new Map<string, number>();
  for (const media of list(valueAt(body, 'includes.media'))) {
    const viewCount = count(valueAt(media, 'public_metrics.view_count'));
    if ((media.type === 'video' || media.type === 'animated_gif') && viewCount !== null)
      views.set(String(media.media_key), viewCount);
  }
  return views;
}

/** X has no reach or reaction kinds; bookmarks are its saves; retweets and quotes its shares. */
function tweetMetrics(tweet: Json, videoViews: Map<string, number>): PostMetrics {
  const metric = (name: string) => count(valueAt(tweet, `public_metrics.${name}`));
  const retweets = metric('retweet_count');
  const quotes = metric('quote_count');
  const keys = (valueAt(tweet, 'attachments.media_keys') as unknown[] | undefined) ?? [];
  const viewed = keys.map((key) => videoViews.get(String(key))).filter((v): v is number => v !== undefined);
  return {
    ...NO_METRICS,
    impressions: metric('impression_count') ?? count(valueAt(tweet, 'non_public_metrics.impression_count')),
    clicks: count(valueAt(tweet, 'non_public_metrics.url_link_clicks')),
    reactions: metric('like_count'),
    comments: metric('reply_count'),
    shares: retweets === null && quotes === null ? null : (retweets ?? 0) + (quotes ?? 0),
    saves: metric('bookmark_count'),
    videoViews: viewed.length ? viewed.reduce((a, b) => a + b, 0) : null,
  };
}

/** Followers, following and post count of the connected account. */
export async function fetchXAccountStats(api: XApi, account: AccountCredentials): Promise<AccountStats> {
  const reply = await api.send(account.accessToken, 'GET', '/2/users/me?user.fields=public_metrics', undefined, [403]);
  if (reply.status === 403) throw new MetricsUnavailableError(X_NO_METRICS);
  const body = parseReply(reply, X_LABEL);
  const metric = (name: string) => count(valueAt(body, `data.public_metrics.${name}`));
  return {
    followers: metric('followers_count'),
    following: metric('following_count'),
    posts: metric('tweet_count'),
    profileViews: null,
  };
}

/** The account's own posts since `since`, newest first, without retweets and replies (thread parts). */
export async function listXPosts(api: XApi, account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  let token: string | null = null;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const path =
      `/2/users/${encodeURIComponent(account.externalAccountId)}/tweets?max_results=100&exclude=retweets,replies` +
      `&start_time=${encodeURIComponent(since.toISOString())}&tweet.fields=created_at,attachments` +
      `&expansions=attachments.media_keys&media.fields=type` +
      (token ? `&pagination_token=${encodeURIComponent(token)}` : '');
    const body = await api.json(account.accessToken, 'GET', path);
    const mediaTypes = new Map(list(valueAt(body, 'includes.media')).map((m) => [String(m.media_key), m.type]));
    for (const tweet of list(valueAt(body, 'data'))) {
      const publishedAt = new Date(String(tweet.created_at));
      if (Number.isNaN(publishedAt.getTime())) continue;
      posts.push({
        externalId: String(tweet.id),
        url: `https://x.com/i/web/status/${String(tweet.id)}`,
        text: typeof tweet.text === 'string' ? tweet.text : '',
        publishedAt,
        ...kindOf(tweet, mediaTypes),
      });
    }
    const next = valueAt(body, 'meta.next_token');
    token = typeof next === 'string' ? next : null;
    if (!token) break;
  }
  return posts;
}

function kindOf(tweet: Json, mediaTypes: Map<string, unknown>): Pick<NetworkPost, 'postType' | 'mediaKind'> {
  const keys = (valueAt(tweet, 'attachments.media_keys') as unknown[] | undefined) ?? [];
  const types = keys.map((key) => mediaTypes.get(String(key)));
  if (types.includes('video')) return { postType: 'video', mediaKind: 'video' };
  if (types.includes('animated_gif')) return { postType: 'gif', mediaKind: 'video' };
  if (types.includes('photo')) return { postType: 'photo', mediaKind: 'image' };
  if (valueAt(tweet, 'attachments.poll_ids') !== undefined) return { postType: 'poll', mediaKind: null };
  return { postType: 'status' as PostType, mediaKind: null };
}

/** Public user lookup and their latest posts' public metrics. */
export async function lookupXAccount(api: XApi, account: AccountCredentials, handle: string): Promise<PublicAccount> {
  const username = handle.trim().replace(/^@/, '');
  if (!HANDLE.test(username))
    throw new PublicAccountNotFoundError(`"${handle}" is not an X handle (letters, digits and "_", at most 15)`);
  const body = await api.json(
    account.accessToken,
    'GET',
    `/2/users/by/username/${username}?user.fields=public_metrics,name,username`,
  );
  const user = valueAt(body, 'data');
  // An unknown or suspended handle is a 200 with `errors` instead of `data`.
  if (!isJson(user)) throw new PublicAccountNotFoundError(`X has no public account @${username}`);
  const id = String(user.id);
  const path =
    `/2/users/${encodeURIComponent(id)}/tweets?max_results=${COMPETITOR_POSTS}&exclude=retweets,replies` +
    `&tweet.fields=created_at,public_metrics,attachments&${MEDIA_FIELDS}`;
  const timeline = await api.json(account.accessToken, 'GET', path);
  const views = videoViewsByMedia(timeline);
  const mediaTypes = new Map(list(valueAt(timeline, 'includes.media')).map((m) => [String(m.media_key), m.type]));
  const metric = (name: string) => count(valueAt(user, `public_metrics.${name}`));
  return {
    externalId: id,
    handle: typeof user.username === 'string' ? user.username : username,
    name: typeof user.name === 'string' ? user.name : username,
    followers: metric('followers_count'),
    following: metric('following_count'),
    posts: metric('tweet_count'),
    recentPosts: list(valueAt(timeline, 'data')).map((tweet) => ({
      externalId: String(tweet.id),
      publishedAt: new Date(String(tweet.created_at)),
      postType: kindOf(tweet, mediaTypes).postType,
      metrics: tweetMetrics(tweet, views),
    })),
  };
}
