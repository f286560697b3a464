import {
  AccountStats,
  ConnectorFailure,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
  PublicAccount,
  PublicAccountNotFoundError,
} from '../connector';
import type { PostType } from '../network-limits';
import { optionalArray, requireString, retryFailure, valueAt } from '../oauth2/network-http';
import { MASTODON_LABEL, MastodonAccount, MastodonApi } from './mastodon.api';
import { plainText } from './mastodon.options';

/** Statuses per batch read (GET /api/v1/statuses?id[]=, Mastodon 4.3+) and per list page. */
export const MASTODON_IDS_PER_CALL = 20;
const PAGE_SIZE = 40;
/** Bounds how far back listPosts pages. */
const MAX_PAGES = 25;

const counted = (status: unknown, key: string): number | null => {
  const value = valueAt(status, key);
  return typeof value === 'number' ? value : null;
};

/** Mastodon shows favourites, boosts and replies publicly; it counts no impressions or reach. */
export function statusMetrics(status: unknown): PostMetrics {
  return {
    ...NO_METRICS,
    reactions: counted(status, 'favourites_count'),
    shares: counted(status, 'reblogs_count'),
    comments: counted(status, 'replies_count'),
  };
}

/** One batch call where the instance has it; instances before 4.3 answer 404 and are read one by one. */
export async function fetchMastodonMetrics(api: MastodonApi, ids: string[]): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  const query = ids.map((id) => `id[]=${encodeURIComponent(id)}`).join('&');
  const reply = await api.send(`/api/v1/statuses?${query}`, { alsoOk: [404] });
  if (reply.status !== 404) {
    for (const status of parseList(reply.text))
      metrics.set(requireString(status, 'id', MASTODON_LABEL), statusMetrics(status));
    return metrics;
  }
  for (const id of ids) {
    const one = await api.send(`/api/v1/statuses/${encodeURIComponent(id)}`, { alsoOk: [404] });
    if (one.status !== 404) metrics.set(id, statusMetrics(parseObject(one.text)));
  }
  return metrics;
}

/** verify_credentials carries the account's own counts. */
export async function fetchMastodonAccountStats(api: MastodonApi): Promise<AccountStats> {
  const me = await api.json('/api/v1/accounts/verify_credentials');
  return {
    followers: counted(me, 'followers_count'),
    following: counted(me, 'following_count'),
    posts: counted(me, 'statuses_count'),
    profileViews: null,
  };
}

/** The account's own statuses since `since`, newest first, boosts left out. */
export async function listMastodonPosts(
  api: MastodonApi,
  account: MastodonAccount,
  since: Date,
): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  let maxId: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const statuses = await recentStatuses(api, account.accountId, PAGE_SIZE, maxId);
    for (const status of statuses) {
      const post = networkPost(status);
      if (post.publishedAt < since) return posts;
      if (!valueAt(status, 'reblog')) posts.push(post);
    }
    if (statuses.length < PAGE_SIZE) break;
    maxId = requireString(statuses[statuses.length - 1], 'id', MASTODON_LABEL);
  }
  return posts;
}

export async function recentStatuses(
  api: MastodonApi,
  accountId: string,
  limit: number,
  maxId: string | null = null,
): Promise<unknown[]> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (maxId) query.set('max_id', maxId);
  const body = await api.json(`/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${query}`);
  if (!Array.isArray(body)) throw retryFailure('Mastodon answered statuses that are not a list');
  return body;
}

/** Any account the instance can see, by `user` or `user@domain`. */
export async function lookupMastodonAccount(api: MastodonApi, handle: string): Promise<PublicAccount> {
  const acct = handle.trim().replace(/^@/, '');
  let found: unknown;
  try {
    found = await api.json(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
  } catch (error) {
    if (error instanceof ConnectorFailure && error.failure.kind === 'disconnect')
      throw new PublicAccountNotFoundError(`No Mastodon account @${acct} was found`);
    throw error;
  }
  const id = requireString(found, 'id', MASTODON_LABEL);
  const statuses = await recentStatuses(api, id, PAGE_SIZE);
  return {
    externalId: id,
    handle: requireString(found, 'acct', MASTODON_LABEL),
    name: (valueAt(found, 'display_name') as string | undefined) || acct,
    followers: counted(found, 'followers_count'),
    following: counted(found, 'following_count'),
    posts: counted(found, 'statuses_count'),
    recentPosts: statuses
      .filter((status) => !valueAt(status, 'reblog'))
      .map((status) => {
        const post = networkPost(status);
        return {
          externalId: post.externalId,
          publishedAt: post.publishedAt,
          postType: post.postType,
          metrics: statusMetrics(status),
        };
      }),
  };
}

function networkPost(status: unknown): NetworkPost {
  const media = optionalArray(status, 'media_attachments', MASTODON_LABEL);
  const kinds = media.map((item) => valueAt(item, 'type'));
  const mediaKind = kinds.some((k) => k === 'video' || k === 'gifv') ? 'video' : kinds.length ? 'image' : null;
  const postType: PostType = valueAt(status, 'poll')
    ? 'poll'
    : mediaKind === 'video'
      ? 'video'
      : mediaKind
        ? 'photo'
        : 'status';
  const createdAt = Date.parse(String(valueAt(status, 'created_at')));
  if (Number.isNaN(createdAt)) throw retryFailure('Mastodon answered a status without created_at');
  const url = valueAt(status, 'url');
  return {
    externalId: requireString(status, 'id', MASTODON_LABEL),
    url: typeof url === 'string' ? url : null,
    text: plainText(String(valueAt(status, 'content') ?? '')),
    publishedAt: new Date(createdAt),
    postType,
    mediaKind,
  };
}

function parseList(text: string): unknown[] {
  const body = parseObject(text);
  if (!Array.isArray(body)) throw retryFailure('Mastodon answered statuses that are not a list');
  return body;
}

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw retryFailure('Mastodon answered with a body that is not JSON');
  }
}
