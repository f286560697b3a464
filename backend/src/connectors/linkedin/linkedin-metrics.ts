import {
  AccountCredentials,
  AccountStats,
  MetricsUnavailableError,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
} from '../connector';
import { parseReply, valueAt } from '../oauth2/network-http';
import { LINKEDIN_LABEL, LinkedInApi } from './linkedin.api';

/** Posts per statistics / socialActions call (both take a list of urns in the query). */
export const LINKEDIN_POSTS_PER_CALL = 50;
/** How many pages of 50 posts one listing reads. */
const MAX_LIST_PAGES = 10;

export const LINKEDIN_NO_ORGANIZATION_STATISTICS =
  'LinkedIn does not let this app read the Page’s post statistics: reconnect the Page as an administrator granting rw_organization_admin';
export const LINKEDIN_NO_SOCIAL_ACTIONS =
  'LinkedIn does not let this app read likes and comments of the profile’s posts: reconnect granting r_member_social';

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export const isOrganization = (account: AccountCredentials) =>
  account.externalAccountId.startsWith('urn:li:organization:');

/** Rest.li 2.0 list of urns in a query: `List(urn%3Ali%3Ashare%3A1,…)`. */
const restliList = (urns: string[]) => `List(${urns.map(encodeURIComponent).join(',')})`;

/**
 * Organization pages: impressions, unique impressions (reach), clicks, likes, comments and shares
 * from organizationalEntityShareStatistics. Member profiles: LinkedIn shares only likes and
 * comments (socialActions); the rest is null.
 */
export async function fetchLinkedInMetrics(
  api: LinkedInApi,
  account: AccountCredentials,
  externalIds: string[],
): Promise<Map<string, PostMetrics>> {
  const metrics = new Map<string, PostMetrics>();
  for (let i = 0; i < externalIds.length; i += LINKEDIN_POSTS_PER_CALL) {
    const urns = externalIds.slice(i, i + LINKEDIN_POSTS_PER_CALL);
    const read = isOrganization(account) ? organizationStatistics : memberSocialActions;
    for (const [urn, m] of await read(api, account, urns)) metrics.set(urn, m);
  }
  return metrics;
}

async function organizationStatistics(
  api: LinkedInApi,
  account: AccountCredentials,
  urns: string[],
): Promise<Map<string, PostMetrics>> {
  const shares = urns.filter((urn) => urn.startsWith('urn:li:share:'));
  const ugcPosts = urns.filter((urn) => !urn.startsWith('urn:li:share:'));
  const path =
    `/rest/organizationalEntityShareStatistics?q=organizationalEntity` +
    `&organizationalEntity=${encodeURIComponent(account.externalAccountId)}` +
    (shares.length ? `&shares=${restliList(shares)}` : '') +
    (ugcPosts.length ? `&ugcPosts=${restliList(ugcPosts)}` : '');
  const reply = await api.send(account.accessToken, 'GET', path, { alsoOk: [403] });
  if (reply.status === 403) throw new MetricsUnavailableError(LINKEDIN_NO_ORGANIZATION_STATISTICS);
  const body = parseReply(reply, LINKEDIN_LABEL);
  const elements = valueAt(body, 'elements');
  const metrics = new Map<string, PostMetrics>();
  for (const element of Array.isArray(elements) ? elements.filter(isJson) : []) {
    const urn = element.share ?? element.ugcPost;
    if (typeof urn !== 'string') continue;
    const stat = (name: string) => count(valueAt(element, `totalShareStatistics.${name}`));
    metrics.set(urn, {
      ...NO_METRICS,
      impressions: stat('impressionCount'),
      reach: stat('uniqueImpressionsCount'),
      clicks: stat('clickCount'),
      reactions: stat('likeCount'),
      comments: stat('commentCount'),
      shares: stat('shareCount'),
    });
  }
  return metrics;
}

async function memberSocialActions(
  api: LinkedInApi,
  account: AccountCredentials,
  urns: string[],
): Promise<Map<string, PostMetrics>> {
  const reply = await api.send(account.accessToken, 'GET', `/rest/socialActions?ids=${restliList(urns)}`, {
    alsoOk: [403],
  });
  if (reply.status === 403) throw new MetricsUnavailableError(LINKEDIN_NO_SOCIAL_ACTIONS);
  const results = valueAt(parseReply(reply, LINKEDIN_LABEL), 'results');
  const metrics = new Map<string, PostMetrics>();
  // A post LinkedIn no longer has is under `errors` (404), not `results`: it is left out.
  for (const [key, actions] of Object.entries(isJson(results) ? results : {})) {
    metrics.set(decodeURIComponent(key), {
      ...NO_METRICS,
      reactions: count(valueAt(actions, 'likesSummary.totalLikes')),
      comments: count(valueAt(actions, 'commentsSummary.aggregatedTotalComments')),
    });
  }
  return metrics;
}

/** Page followers (organizations); LinkedIn gives apps no figures of a member profile. */
export async function fetchLinkedInAccountStats(api: LinkedInApi, account: AccountCredentials): Promise<AccountStats> {
  const stats: AccountStats = { followers: null, following: null, posts: null, profileViews: null };
  if (!isOrganization(account)) return stats;
  const path = `/rest/networkSizes/${encodeURIComponent(account.externalAccountId)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`;
  const reply = await api.send(account.accessToken, 'GET', path, { alsoOk: [403] });
  if (reply.status === 403) throw new MetricsUnavailableError(LINKEDIN_NO_ORGANIZATION_STATISTICS);
  return { ...stats, followers: count(valueAt(parseReply(reply, LINKEDIN_LABEL), 'firstDegreeSize')) };
}

/**
 * The author's posts since `since`, newest first. Reading posts is granted only to approved
 * partners: without it (403) there are simply no external posts to import.
 */
export async function listLinkedInPosts(
  api: LinkedInApi,
  account: AccountCredentials,
  since: Date,
): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  const author = encodeURIComponent(account.externalAccountId);
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const start = page * LINKEDIN_POSTS_PER_CALL;
    const path = `/rest/posts?author=${author}&q=author&count=${LINKEDIN_POSTS_PER_CALL}&start=${start}&sortBy=CREATED`;
    const reply = await api.send(account.accessToken, 'GET', path, {
      headers: { 'x-restli-method': 'FINDER' },
      alsoOk: [403],
    });
    if (reply.status === 403) return posts;
    const elements = valueAt(parseReply(reply, LINKEDIN_LABEL), 'elements');
    const items = (Array.isArray(elements) ? elements.filter(isJson) : []).map(networkPost);
    posts.push(...items.filter((p): p is NetworkPost => p !== null && p.publishedAt >= since));
    // Sorted newest first: a page reaching before `since`, or a short page, is the last one needed.
    const reachedOlder = items.some((p) => p !== null && p.publishedAt < since);
    if (reachedOlder || items.length < LINKEDIN_POSTS_PER_CALL) break;
  }
  return posts;
}

function networkPost(post: Json): NetworkPost | null {
  const urn = post.id;
  const at = count(post.publishedAt) ?? count(post.createdAt);
  if (typeof urn !== 'string' || at === null) return null;
  return {
    externalId: urn,
    url: `https://www.linkedin.com/feed/update/${urn}/`,
    text: typeof post.commentary === 'string' ? post.commentary : '',
    publishedAt: new Date(at),
    ...kindOf(post),
  };
}

function kindOf(post: Json): Pick<NetworkPost, 'postType' | 'mediaKind'> {
  const media = valueAt(post, 'content.media.id');
  if (typeof media === 'string' && media.startsWith('urn:li:video:')) return { postType: 'video', mediaKind: 'video' };
  if (typeof media === 'string' && media.startsWith('urn:li:document:'))
    return { postType: 'document', mediaKind: null };
  if (typeof media === 'string' || valueAt(post, 'content.multiImage') !== undefined)
    return { postType: 'photo', mediaKind: 'image' };
  if (valueAt(post, 'content.poll') !== undefined) return { postType: 'poll', mediaKind: null };
  if (valueAt(post, 'content.article') !== undefined) return { postType: 'link', mediaKind: null };
  return { postType: 'status', mediaKind: null };
}
