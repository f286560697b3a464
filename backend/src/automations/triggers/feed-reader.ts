import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import type { Response } from 'undici';
import { fetchPublic, PrivateUrlError } from '../../common/public-url';
import { decodeFeed } from './feed-encoding';

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

/** An item left out of a check, and why (shown on the automation's page and in the runs of that check). */
export interface SkippedItem {
  item: string;
  reason: string;
}

export interface FeedRead {
  /** Newest first; items without a date last, in feed order. */
  items: FeedItem[];
  skipped: SkippedItem[];
}

export class FeedError extends Error {
  override name = 'FeedError';
}

const MAX_BYTES = 5 * 1024 * 1024;
const UNREADABLE = '__unreadable';

/**
 * rss-parser, told to read `<rss>` without a `version` as RSS 2.0 (many real feeds omit it).
 * It maps every item inside one call, so one item that throws (an Atom date it cannot parse)
 * would fail the whole feed: each per-item mapper is wrapped to mark that item instead.
 */
function tolerantParser(): Parser {
  const parser = new Parser({ defaultRSS: 2 });
  const methods = parser as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['parseItemRss', 'parseItemAtom']) {
    const original = methods[name].bind(parser);
    methods[name] = (item: unknown, ...rest: unknown[]) => {
      try {
        return original(item, ...rest);
      } catch (error) {
        try {
          // rss-parser converts Atom dates itself and throws on one it cannot read: read it undated.
          return original({ ...(item as object), published: undefined, updated: undefined }, ...rest);
        } catch {
          return { [UNREADABLE]: (error as Error).message };
        }
      }
    };
  }
  return parser;
}

const parser = tolerantParser();

/**
 * Reads an RSS or Atom feed (rss-parser), size- and time-limited, decoded by its declared
 * charset. One bad item is skipped with its reason; the feed itself failing is a `FeedError`.
 */
export async function readFeed(url: string, options: { allowPrivate: boolean; timeoutMs?: number }): Promise<FeedRead> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  // One deadline for the answer and its body: a server that trickles bytes is cut off too.
  const signal = AbortSignal.timeout(timeoutMs);
  const fail = (error: Error): never => {
    if (error instanceof FeedError) throw error;
    if (error instanceof PrivateUrlError) throw new FeedError(error.message);
    if (signal.aborted) throw new FeedError(`${url} did not answer within ${timeoutMs / 1000} s`);
    throw new FeedError(`${url} could not be fetched: ${error.message}`);
  };
  const response = await fetchPublic(
    url,
    {
      signal,
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' },
    },
    options,
  ).catch(fail);
  if (!response.ok) {
    // An unread body holds its connection open until collected.
    await response.body?.cancel().catch(() => undefined);
    throw new FeedError(`${url} answered HTTP ${response.status}`);
  }
  const bytes = await readCapped(response, url).catch(fail);
  return parseFeed(decodeFeed(bytes, response.headers.get('content-type')), url);
}

/** The items of a feed's text; `url` only names it in errors. */
export async function parseFeed(text: string, url: string): Promise<FeedRead> {
  const body = text.trim();
  if (!body) throw new FeedError(`${url} answered with an empty body`);
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype html|html)[\s>]/i.test(body)) {
    throw new FeedError(`${url} is a web page, not a feed: use the address of its RSS or Atom feed`);
  }
  const feed = await parser.parseString(body).catch((error: Error) => {
    throw new FeedError(`${url} is not a valid RSS or Atom feed: ${error.message.split('\n')[0]}`);
  });
  const feedTitle = textOf(feed.title);
  const items: FeedItem[] = [];
  const skipped: SkippedItem[] = [];
  const keys = new Set<string>();
  feed.items.forEach((raw, index) => {
    const label = itemLabel(raw, index);
    try {
      const item = toItem(raw, feedTitle);
      // Feeds repeat an item (a bad CMS, a pinned post): one guid is one item, the first one.
      if (keys.has(item.key)) throw new FeedError(`repeats the guid or link of an earlier item (${item.key})`);
      keys.add(item.key);
      items.push(item);
    } catch (error) {
      skipped.push({ item: label, reason: (error as Error).message });
    }
  });
  // Stable: items without a date keep their feed order, after the dated ones.
  items.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  return { items, skipped };
}

type RawItem = Parser.Item & Record<string, unknown>;

function toItem(raw: RawItem, feedTitle: string): FeedItem {
  if (typeof raw[UNREADABLE] === 'string') throw new FeedError(`could not be read: ${raw[UNREADABLE]}`);
  const title = textOf(raw.title);
  const link = textOf(raw.link) || null;
  if (!title && !link) throw new FeedError('has neither a title nor a link');
  const publishedAt = isoDate(raw.isoDate) ?? isoDate(raw.pubDate);
  // RSS has guid; Atom's entry id comes through as `id`. An empty `<guid isPermaLink="false"/>` is no guid.
  const guid = textOf(raw.guid) || textOf(raw.id) || null;
  return {
    key: (guid ?? link ?? `sha256:${createHash('sha256').update(`${title}|${publishedAt}`).digest('hex')}`).slice(
      0,
      200,
    ),
    title,
    link,
    guid,
    summary: (textOf(raw.contentSnippet) || textOf(raw.summary)).slice(0, 500),
    content: textOf(raw.content),
    author: textOf(raw.creator) || textOf(raw.author) || null,
    categories: (Array.isArray(raw.categories) ? raw.categories : []).map(textOf).filter(Boolean),
    publishedAt,
    feedTitle,
  };
}

/**
 * The text of a parsed XML value: xml2js gives an element with attributes as `{ _: text, $: attrs }`
 * (or just `{ $: attrs }` when empty), which is no string.
 */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '_' in value) return textOf((value as { _: unknown })._);
  return '';
}

/** An ISO date, or null for a missing or unparseable one (the item still goes through, undated). */
function isoDate(value: unknown): string | null {
  const text = textOf(value);
  const time = text ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function itemLabel(raw: RawItem, index: number): string {
  const name = textOf(raw.title) || textOf(raw.link) || textOf(raw.guid);
  return name ? `item ${index + 1} (${name.slice(0, 100)})` : `item ${index + 1}`;
}

/** The body's bytes, read no further than MAX_BYTES (a huge or endless answer is cut off, not buffered). */
async function readCapped(response: Response, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BYTES) throw new FeedError(`${url} is larger than 5 MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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
