import { AccountStats, MetricsUnavailableError, NetworkPost, NO_METRICS, PostMetrics } from '../connector';
import { requireString, retryFailure, valueAt } from '../oauth2/network-http';
import { jsonOf, listOf, WordPressApi, WordPressReply } from './wordpress.api';
import { plainText } from './wordpress.content';
import { WORDPRESS_LABEL, WordPressSite } from './wordpress.site';

/** Posts whose metrics one call reads: one existence check for all of them, then one count each. */
export const WORDPRESS_METRICS_BATCH = 20;
const PAGE = 100;
/** listPosts reads at most this many pages (10,000 posts) in one go. */
const MAX_PAGES = 100;
const POST_STATUSES = 'publish,future,draft,pending,private';

/**
 * WordPress core counts no views, reach or likes (plugins such as Jetpack do, on their own APIs):
 * the one figure it has is comments, each post's approved comments (X-WP-Total of /wp/v2/comments).
 * A post no longer on the site (deleted, trashed) is left out of the map.
 */
export async function fetchWordPressMetrics(api: WordPressApi, site: WordPressSite, ids: string[]) {
  const metrics = new Map<string, PostMetrics>();
  if (!ids.length) return metrics;
  const existing = await api.send(site, {
    method: 'GET',
    route: '/wp/v2/posts',
    query: { include: ids.join(','), status: POST_STATUSES, context: 'edit', per_page: PAGE, _fields: 'id' },
    alsoOk: [403],
  });
  // Posts in every status are readable only to users who may edit them.
  if (existing.status === 403)
    throw new MetricsUnavailableError(
      'This WordPress user may no longer read its posts: reconnect as an Author, Editor or Administrator',
    );
  const present = listOf(jsonOf(existing)).map((post) => requireString(post, 'id', WORDPRESS_LABEL));
  for (const id of ids.filter((i) => present.includes(i))) {
    const reply = await api.send(site, {
      method: 'GET',
      route: '/wp/v2/comments',
      query: { post: id, per_page: 1, _fields: 'id' },
    });
    metrics.set(id, { ...NO_METRICS, comments: total(reply) });
  }
  return metrics;
}

/** The site's published posts; WordPress has no followers. */
export async function fetchWordPressAccountStats(api: WordPressApi, site: WordPressSite): Promise<AccountStats> {
  const reply = await api.send(site, { method: 'GET', route: '/wp/v2/posts', query: { per_page: 1, _fields: 'id' } });
  return { followers: null, following: null, posts: total(reply), profileViews: null };
}

/** The site's published posts since `since`, newest first (every author: the site is the account). */
export async function listWordPressPosts(api: WordPressApi, site: WordPressSite, since: Date): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const reply = await api.send(site, {
      method: 'GET',
      route: '/wp/v2/posts',
      query: {
        after: since.toISOString(),
        orderby: 'date',
        order: 'desc',
        per_page: PAGE,
        page,
        _fields: 'id,link,title,date_gmt,featured_media',
      },
    });
    const body = listOf(jsonOf(reply));
    posts.push(...body.map(networkPost));
    if (page >= Number(reply.header('x-wp-totalpages') ?? 1)) break;
  }
  return posts;
}

function networkPost(post: unknown): NetworkPost {
  const dateGmt = requireString(post, 'date_gmt', WORDPRESS_LABEL);
  return {
    externalId: requireString(post, 'id', WORDPRESS_LABEL),
    url: typeof valueAt(post, 'link') === 'string' ? (valueAt(post, 'link') as string) : null,
    text: plainText(String(valueAt(post, 'title.rendered') ?? '')),
    // date_gmt is UTC without a zone designator.
    publishedAt: new Date(`${dateGmt}Z`),
    postType: 'article',
    mediaKind: Number(valueAt(post, 'featured_media') ?? 0) > 0 ? 'image' : null,
  };
}

function total(reply: WordPressReply): number {
  const value = Number(reply.header('x-wp-total'));
  if (!Number.isInteger(value) || value < 0) throw retryFailure(`${WORDPRESS_LABEL} answered without X-WP-Total`);
  return value;
}
