import {
  AccountCredentials,
  AccountStats,
  Connector,
  NetworkPost,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { requireString, valueAt } from '../oauth2/network-http';
import {
  fetchWordPressAccountStats,
  fetchWordPressMetrics,
  listWordPressPosts,
  WORDPRESS_METRICS_BATCH,
} from './wordpress-metrics';
import { jsonOf, listOf, WordPressApi } from './wordpress.api';
import { articleHtml, articleSlug, articleTitle, imageSlug } from './wordpress.content';
import { WORDPRESS_LIMITS } from './wordpress.limits';
import { featuredImageId } from './wordpress.media';
import { wordpressOptions } from './wordpress.options';
import { siteOf, WORDPRESS_LABEL, WordPressSite } from './wordpress.site';
import { termIds } from './wordpress.terms';

const ANY_STATUS = 'publish,future,draft,pending,private';

/**
 * Articles on a self-hosted WordPress (or any site with the core REST API and application
 * passwords). The account's access token is the site's JSON (wordpress.site.ts); externalId is the
 * post's id. Crash-safe through the slug: see articleSlug.
 */
export class WordPressConnector implements Connector {
  readonly network = 'wordpress' as const;
  readonly limits = WORDPRESS_LIMITS;
  readonly metricsBatchSize = WORDPRESS_METRICS_BATCH;
  private readonly api: WordPressApi;

  constructor(outbound: { allowPrivate: boolean }) {
    this.api = new WordPressApi(outbound);
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const site = siteOf(account.accessToken);
    const options = wordpressOptions(request.options);
    const title = articleTitle(request);
    const slug = articleSlug(title, request.idempotencyKey);
    const image = request.media[0];
    const featured = image
      ? await featuredImageId(this.api, site, image, { slug: imageSlug(slug)!, title, altText: options.altText })
      : undefined;
    const post = await this.api.json(site, {
      method: 'POST',
      route: '/wp/v2/posts',
      kind: 'post',
      json: {
        title,
        content: articleHtml(request.text, request.link),
        excerpt: options.excerpt ?? undefined,
        status: options.status,
        date_gmt: options.publishAt ? wordpressDate(options.publishAt) : undefined,
        slug,
        categories: options.categories.length
          ? await termIds(this.api, site, 'categories', options.categories)
          : undefined,
        tags: options.tags.length ? await termIds(this.api, site, 'tags', options.tags) : undefined,
        featured_media: featured,
      },
    });
    return published(post);
  }

  /** The post an interrupted attempt made carries this attempt's slug, whatever its status. */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const site = siteOf(account.accessToken);
    const slug = articleSlug(articleTitle(request), request.idempotencyKey);
    const found = listOf(
      await this.api.json(site, {
        method: 'GET',
        route: '/wp/v2/posts',
        query: { slug, status: ANY_STATUS, context: 'edit', _fields: 'id,link' },
      }),
    );
    return found.length ? published(found[0]) : null;
  }

  /**
   * Deletes the post for good (force: no Trash) and the featured image uploaded with it (known by
   * its slug, so a library image other posts use stays). Already gone counts as done.
   */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    const site = siteOf(account.accessToken);
    const route = `/wp/v2/posts/${encodeURIComponent(externalId)}`;
    const reply = await this.api.send(site, {
      method: 'GET',
      route,
      query: { context: 'edit', _fields: 'id,slug,featured_media' },
      alsoOk: [404, 410],
    });
    if (reply.status !== 200) return;
    const post = jsonOf(reply);
    await this.api.send(site, { method: 'DELETE', route, query: { force: 'true' }, alsoOk: [404, 410] });
    await this.deleteOwnImage(site, post);
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchWordPressMetrics(this.api, siteOf(account.accessToken), externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchWordPressAccountStats(this.api, siteOf(account.accessToken));
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listWordPressPosts(this.api, siteOf(account.accessToken), since);
  }

  private async deleteOwnImage(site: WordPressSite, post: unknown): Promise<void> {
    const mediaId = Number(valueAt(post, 'featured_media') ?? 0);
    const ownSlug = imageSlug(String(valueAt(post, 'slug') ?? ''));
    if (!mediaId || !ownSlug) return;
    const route = `/wp/v2/media/${mediaId}`;
    const media = await this.api.send(site, {
      method: 'GET',
      route,
      query: { context: 'edit', _fields: 'slug' },
      alsoOk: [404, 410],
    });
    if (media.status !== 200 || valueAt(jsonOf(media), 'slug') !== ownSlug) return;
    await this.api.send(site, { method: 'DELETE', route, query: { force: 'true' }, alsoOk: [404, 410] });
  }
}

/** WordPress reads date_gmt as UTC without a zone designator, to the second. */
function wordpressDate(at: Date): string {
  return at.toISOString().slice(0, 19);
}

function published(post: unknown): PublishedPost {
  const link = valueAt(post, 'link');
  return { externalId: requireString(post, 'id', WORDPRESS_LABEL), url: typeof link === 'string' ? link : null };
}
