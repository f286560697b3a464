import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import type { Response } from 'undici';
import { fetchPublic, PrivateUrlError } from '../../common/public-url';

export interface FeedItem {
  /** What de-duplicates the item: its guid, else its link, else a hash of title and date. */
  key: string;
  title: string;
  link: string | null;
  guid: string | null;
  summary: string;
  content: string;
  author: string | null;
  categories: string[];
  publishedAt: string | null;
  feedTitle: string;
}

export class FeedError extends Error {
  override name = 'FeedError';
}

const MAX_BYTES = 5 * 1024 * 1024;
const parser = new Parser();

/** Reads an RSS or Atom feed (rss-parser), newest item first, size- and time-limited. */
export async function readFeed(
  url: string,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<FeedItem[]> {
  const response = await fetchPublic(
    url,
    {
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' },
    },
    options,
  ).catch((error: Error) => {
    throw new FeedError(
      error instanceof PrivateUrlError ? error.message : `${url} could not be fetched: ${error.message}`,
    );
  });
  if (!response.ok) throw new FeedError(`${url} answered HTTP ${response.status}`);
  const body = await readCapped(response, url);
  const feed = await parser.parseString(body).catch((error: Error) => {
    throw new FeedError(`${url} is not an RSS or Atom feed: ${error.message.split('\n')[0]}`);
  });
  const items = feed.items.map((item) => {
    const publishedAt = item.isoDate ?? (item.pubDate ? new Date(item.pubDate).toISOString() : null);
    const title = (item.title ?? '').trim();
    // RSS has guid; Atom's entry id comes through as `id`.
    const guid = item.guid ?? (item as { id?: string }).id ?? null;
    return {
      key: (
        guid ??
        item.link ??
        `sha256:${createHash('sha256').update(`${title}|${publishedAt}`).digest('hex')}`
      ).slice(0, 200),
      title,
      link: item.link ?? null,
      guid,
      summary: (item.contentSnippet ?? item.summary ?? '').trim().slice(0, 500),
      content: item.content ?? '',
      author: item.creator ?? (item as { author?: string }).author ?? null,
      categories: item.categories ?? [],
      publishedAt,
      feedTitle: feed.title ?? '',
    };
  });
  return items.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
}

/** The body as text, read no further than MAX_BYTES (a huge or endless answer is cut off, not buffered). */
async function readCapped(response: Response, url: string): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BYTES) throw new FeedError(`${url} is larger than 5 MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The items to start runs for, oldest first: those not seen before. On the first poll only the
 * newest `backfill` of them (0: none), so connecting a feed never floods the workspace.
 */
export function itemsToSend(
  newestFirst: FeedItem[],
  seen: ReadonlySet<string>,
  firstPoll: boolean,
  backfill: number,
): FeedItem[] {
  const fresh = newestFirst.filter((item) => !seen.has(item.key));
  return (firstPoll ? fresh.slice(0, backfill) : fresh).reverse();
}
