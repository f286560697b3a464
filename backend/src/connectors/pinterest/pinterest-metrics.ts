import {
  AccountCredentials,
  AccountStats,
  MetricsUnavailableError,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
} from '../connector';
import type { PostType } from '../network-limits';
import { optionalArray, parseReply, valueAt } from '../oauth2/network-http';
import { PINTEREST_LABEL, PinterestApi } from './pinterest.api';

/** Pinterest has no batch read of pin analytics: one call per pin, this many per metrics call. */
export const PINTEREST_PINS_PER_CALL = 10;

/** Pin analytics reach back 90 days at most; the summary over them is the pin's figure. */
const ANALYTICS_DAYS = 89;
const DAY_MS = 86_400_000;
/** Link clicks are OUTBOUND_CLICK (PIN_CLICK opens the pin's close-up, not the link). */
const METRIC_TYPES = 'IMPRESSION,SAVE,OUTBOUND_CLICK,VIDEO_MRC_VIEW';
const MAX_LIST_PAGES = 10;

export const PINTEREST_NO_METRICS =
  'Pinterest does not let this app read the account’s pin analytics: reconnect the account granting pins:read';

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Impressions, saves, link clicks and video views of each pin; a pin Pinterest no longer has is left out. */
export async function fetchPinterestMetrics(
  api: PinterestApi,
  account: AccountCredentials,
  pinIds: string[],
  now: Date,
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  const query = new URLSearchParams({
    start_date: day(new Date(now.getTime() - ANALYTICS_DAYS * DAY_MS)),
    end_date: day(now),
    metric_types: METRIC_TYPES,
  });
  for (const id of pinIds) {
    const reply = await api.send(
      account.accessToken,
      'GET',
      `/pins/${encodeURIComponent(id)}/analytics?${query}`,
      [403, 404],
    );
    if (reply.status === 403) throw new MetricsUnavailableError(PINTEREST_NO_METRICS);
    if (reply.status === 404) continue;
    const summary = valueAt(parseReply(reply, PINTEREST_LABEL), 'all.summary_metrics');
    metrics.set(id, {
      ...NO_METRICS,
      impressions: count(valueAt(summary, 'IMPRESSION')),
      saves: count(valueAt(summary, 'SAVE')),
      clicks: count(valueAt(summary, 'OUTBOUND_CLICK')),
      videoViews: count(valueAt(summary, 'VIDEO_MRC_VIEW')),
    });
  }
  return metrics;
}

/**
 * Followers, following and pins from the user account. Pinterest reports views only as
 * `monthly_views` (the last 30 days), which is what profile views holds for this network.
 */
export async function fetchPinterestAccountStats(
  api: PinterestApi,
  account: AccountCredentials,
): Promise<AccountStats> {
  const reply = await api.send(account.accessToken, 'GET', '/user_account', [403]);
  if (reply.status === 403) throw new MetricsUnavailableError(PINTEREST_NO_METRICS);
  const user = parseReply(reply, PINTEREST_LABEL);
  return {
    followers: count(valueAt(user, 'follower_count')),
    following: count(valueAt(user, 'following_count')),
    posts: count(valueAt(user, 'pin_count')),
    profileViews: count(valueAt(user, 'monthly_views')),
  };
}

/** The account's pins since `since`, newest first (Pinterest lists them newest first). */
export async function listPinterestPins(
  api: PinterestApi,
  account: AccountCredentials,
  since: Date,
): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  let bookmark: string | null = null;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const query = new URLSearchParams({ page_size: '100' });
    if (bookmark) query.set('bookmark', bookmark);
    const body = await api.json(account.accessToken, 'GET', `/pins?${query}`);
    for (const pin of optionalArray(body, 'items', PINTEREST_LABEL)) {
      const post = networkPost(pin);
      if (!post) continue;
      if (post.publishedAt < since) return posts;
      posts.push(post);
    }
    const next = valueAt(body, 'bookmark');
    if (typeof next !== 'string' || !next) break;
    bookmark = next;
  }
  return posts;
}

function networkPost(pin: unknown): NetworkPost | null {
  const id = valueAt(pin, 'id');
  const created = pinCreatedAt(pin);
  if (typeof id !== 'string' || Number.isNaN(created)) return null;
  const mediaType = String(valueAt(pin, 'media.media_type') ?? '');
  const postType: PostType = mediaType === 'video' ? 'video' : mediaType === 'multiple_images' ? 'carousel' : 'photo';
  const description = valueAt(pin, 'description');
  return {
    externalId: id,
    url: pinUrl(id),
    text: typeof description === 'string' ? description : '',
    publishedAt: new Date(created),
    postType,
    mediaKind: mediaType === 'video' ? 'video' : 'image',
  };
}

export const pinUrl = (id: string) => `https://www.pinterest.com/pin/${id}/`;

/** When a pin was created, in ms; Pinterest writes UTC times without an offset ("2026-12-03T11:59:00"). */
export function pinCreatedAt(pin: unknown): number {
  const text = String(valueAt(pin, 'created_at'));
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`);
}
