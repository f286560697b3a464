import {
  AccountCredentials,
  AccountStats,
  MetricsUnavailableError,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
} from '../connector';
import { ConnectorFailure } from '../connector';
import { optionalArray, parseReply, valueAt } from '../oauth2/network-http';
import { GOOGLE_BUSINESS_LABEL, GoogleBusinessApi } from './google-business.api';

/** Posts looked up per metrics call (one GET each: the v4 API reads posts one by one). */
export const GOOGLE_BUSINESS_POSTS_PER_CALL = 10;

/** Searches and Maps views on desktop and mobile: together, how often the profile was seen. */
const IMPRESSION_METRICS = [
  'BUSINESS_IMPRESSIONS_DESKTOP_MAPS',
  'BUSINESS_IMPRESSIONS_DESKTOP_SEARCH',
  'BUSINESS_IMPRESSIONS_MOBILE_MAPS',
  'BUSINESS_IMPRESSIONS_MOBILE_SEARCH',
];
/** Performance data arrives a few days late; a week back always holds the latest day Google has. */
const STATS_DAYS = 7;
const DAY_MS = 86_400_000;
const MAX_LIST_PAGES = 10;

export const GOOGLE_BUSINESS_NO_METRICS =
  'Google does not let this app read the location’s performance: reconnect the account as an owner or manager of the location';

/**
 * The Business Profile Performance API reports on locations, not posts (v4's per-post insights
 * were retired), so every post figure is null; the call still tells which posts Google still has.
 */
export async function fetchGoogleBusinessMetrics(
  api: GoogleBusinessApi,
  account: AccountCredentials,
  postNames: string[],
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  for (const name of postNames) {
    const reply = await api.send(account.accessToken, 'mybusiness', 'GET', `/v4/${name}`, [404]);
    if (reply.status !== 404) metrics.set(name, { ...NO_METRICS });
  }
  return metrics;
}

/**
 * Profile views of the latest day Google reports (the four impression metrics together).
 * A location has no followers, following or post count in Google's APIs: those stay null.
 */
export async function fetchGoogleBusinessStats(
  api: GoogleBusinessApi,
  account: AccountCredentials,
  now: Date,
): Promise<AccountStats> {
  const location = account.externalAccountId.replace(/^accounts\/[^/]+\//, '');
  const start = new Date(now.getTime() - STATS_DAYS * DAY_MS);
  const query = new URLSearchParams();
  for (const metric of IMPRESSION_METRICS) query.append('dailyMetrics', metric);
  for (const [edge, date] of [
    ['startDate', start],
    ['endDate', now],
  ] as const) {
    query.set(`dailyRange.${edge}.year`, String(date.getUTCFullYear()));
    query.set(`dailyRange.${edge}.month`, String(date.getUTCMonth() + 1));
    query.set(`dailyRange.${edge}.day`, String(date.getUTCDate()));
  }
  const path = `/v1/${location}:fetchMultiDailyMetricsTimeSeries?${query}`;
  let body: unknown;
  try {
    body = parseReply(
      await api.send(account.accessToken, 'businessprofileperformance', 'GET', path),
      GOOGLE_BUSINESS_LABEL,
    );
  } catch (error) {
    if (error instanceof ConnectorFailure && error.failure.kind === 'reauth' && /permission/i.test(error.message))
      throw new MetricsUnavailableError(GOOGLE_BUSINESS_NO_METRICS);
    throw error;
  }
  return { followers: null, following: null, posts: null, profileViews: latestDayTotal(body) };
}

/** Sums each day's values across the metrics and returns the latest day that has any. */
function latestDayTotal(body: unknown): number | null {
  const totals = new Map<string, number>();
  for (const group of optionalArray(body, 'multiDailyMetricTimeSeries', GOOGLE_BUSINESS_LABEL))
    for (const series of optionalArray(group, 'dailyMetricTimeSeries', GOOGLE_BUSINESS_LABEL))
      for (const dated of optionalArray(series, 'timeSeries.datedValues', GOOGLE_BUSINESS_LABEL)) {
        // Google leaves `value` out of a day it has counted as zero, and the whole entry out of days it has not yet.
        const value = Number(valueAt(dated, 'value') ?? 0);
        const key = dayKey(valueAt(dated, 'date'));
        if (key && Number.isFinite(value)) totals.set(key, (totals.get(key) ?? 0) + value);
      }
  const latest = [...totals.keys()].sort().at(-1);
  return latest === undefined ? null : totals.get(latest)!;
}

function dayKey(date: unknown): string | null {
  const [y, m, d] = ['year', 'month', 'day'].map((k) => valueAt(date, k));
  if (typeof y !== 'number' || typeof m !== 'number' || typeof d !== 'number') return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The location's posts, newest first, as the v4 API lists them. */
export async function listLocalPosts(
  api: GoogleBusinessApi,
  account: AccountCredentials,
  pages = MAX_LIST_PAGES,
): Promise<unknown[]> {
  const posts: unknown[] = [];
  let pageToken: string | null = null;
  for (let page = 0; page < pages; page++) {
    const query = `pageSize=100${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    const body = await api.json(
      account.accessToken,
      'mybusiness',
      'GET',
      `/v4/${account.externalAccountId}/localPosts?${query}`,
    );
    posts.push(...optionalArray(body, 'localPosts', GOOGLE_BUSINESS_LABEL));
    const next = valueAt(body, 'nextPageToken');
    if (typeof next !== 'string' || !next) break;
    pageToken = next;
  }
  return posts;
}

export function networkPost(post: unknown): NetworkPost | null {
  const name = valueAt(post, 'name');
  const created = Date.parse(String(valueAt(post, 'createTime')));
  if (typeof name !== 'string' || Number.isNaN(created)) return null;
  const hasPhoto = optionalArray(post, 'media', GOOGLE_BUSINESS_LABEL).length > 0;
  const summary = valueAt(post, 'summary');
  const url = valueAt(post, 'searchUrl');
  return {
    externalId: name,
    url: typeof url === 'string' ? url : null,
    text: typeof summary === 'string' ? summary : '',
    publishedAt: new Date(created),
    postType: hasPhoto ? 'photo' : 'status',
    mediaKind: hasPhoto ? 'image' : null,
  };
}
