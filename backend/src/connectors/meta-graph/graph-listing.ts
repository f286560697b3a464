import type { NetworkPost } from '../connector';
import { GraphObject, readListPage } from './graph-body';
import type { GraphClient } from './graph-client';

/** What one listing of an account's posts asks Graph for. */
export interface GraphListing {
  /** The edge, e.g. `/{id}/media`. */
  path: string;
  fields: string;
  since: Date;
  pageSize: number;
  maxPages: number;
}

/**
 * An account's posts since `since`, newest first, page by page through Graph's `after` cursors,
 * each item read by `toPost` (unreadable ones skipped). Facebook, Instagram and Threads list alike.
 */
export async function listGraphPosts(
  graph: GraphClient,
  accessToken: string,
  listing: GraphListing,
  toPost: (item: GraphObject) => NetworkPost | null,
): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  let after: string | undefined;
  for (let page = 0; page < listing.maxPages; page++) {
    const params = {
      fields: listing.fields,
      since: Math.floor(listing.since.getTime() / 1000),
      limit: listing.pageSize,
      after,
    };
    const answer = await graph.get(listing.path, accessToken, params, readListPage);
    const items = answer.items.map(toPost).filter((p): p is NetworkPost => p !== null);
    posts.push(...items.filter((p) => p.publishedAt >= listing.since));
    // Graph lists newest first: once one is older than `since`, the rest are too.
    if (!answer.after || items.some((p) => p.publishedAt < listing.since)) break;
    after = answer.after;
  }
  return posts;
}
