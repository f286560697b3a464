import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Response } from 'undici';
import { fetchPublic, PrivateUrlError } from '../common/public-url';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { LinkPreviewDto } from './link-preview.dto';
import { LinkPreviewsError } from './link-previews.errors';
import { readPageSummary } from './og-tags';

const TIMEOUT_MS = 8_000;
/** Link cards live in a page's head; a page larger than this before `</head>` is read no further. */
const MAX_BYTES = 512 * 1024;
/** Pages change their cards rarely; the composer asks again on every keystroke of a link. */
const CACHE_TTL_MS = 60 * 60_000;
const CACHE_ENTRIES = 1_000;

/**
 * Link cards for the composer: the page's own title, description and image, fetched server-side
 * through the guard every outbound fetch uses (public addresses only, no redirects). Answers are
 * cached by address for an hour, concurrent asks for one address share one fetch; failures are
 * not cached, so a page that comes back is read again.
 */
@Injectable()
export class LinkPreviews {
  private readonly cache: LRUCache<string, LinkPreviewDto>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.cache = new LRUCache({ max: CACHE_ENTRIES, ttl: CACHE_TTL_MS, fetchMethod: (url) => this.read(url) });
  }

  async preview(url: string): Promise<LinkPreviewDto> {
    return (await this.cache.fetch(url))!;
  }

  private async read(url: string): Promise<LinkPreviewDto> {
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    const fail = (error: Error): never => {
      if (error instanceof LinkPreviewsError) throw error;
      if (error instanceof PrivateUrlError) throw unreadable(error.message);
      if (signal.aborted) throw unreadable(`did not answer within ${TIMEOUT_MS / 1000} s`);
      // Redirects are not followed (each hop would need the guard again).
      if (/redirect/i.test(error.message)) throw unreadable('redirects elsewhere: use the address it leads to');
      throw unreadable(`could not be reached (${error.message})`);
    };
    const response = await fetchPublic(
      url,
      { signal, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } },
      { allowPrivate: this.config.allowPrivateUrls },
    ).catch(fail);
    const base = { url, domain: new URL(url).hostname.replace(/^www\./, '') };
    const empty = { title: null, description: null, image: null, siteName: null };
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw unreadable(`answered HTTP ${response.status}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/html/i.test(type)) {
      await response.body?.cancel().catch(() => undefined);
      // A link straight to an image is its own picture.
      return { ...base, ...empty, image: type.startsWith('image/') ? url : null };
    }
    const summary = readPageSummary(await readHead(response, type).catch(fail));
    return { ...base, ...summary, image: absoluteImage(summary.image, url) };
  }
}

const unreadable = (reason: string) =>
  new LinkPreviewsError('LINK_UNREADABLE', `The page ${reason}`, [{ field: 'url', message: reason }]);

/** The page up to the end of its head, decoded by its declared charset. */
async function readHead(response: Response, contentType: string): Promise<string> {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  const decoder = new TextDecoder(safeCharset(charset));
  let html = '';
  let size = 0;
  // Leaving the loop early cancels the stream: the rest of the page is never downloaded.
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    html += decoder.decode(chunk, { stream: true });
    if (size > MAX_BYTES || /<\/head>/i.test(html)) break;
  }
  return html;
}

/** A charset TextDecoder knows, UTF-8 otherwise. */
function safeCharset(charset: string): string {
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    return 'utf-8';
  }
}

/** og:image is often relative; only http(s) images are shown. */
function absoluteImage(image: string | null, pageUrl: string): string | null {
  if (!image) return null;
  try {
    const absolute = new URL(image, pageUrl);
    return ['http:', 'https:'].includes(absolute.protocol) ? absolute.href : null;
  } catch {
    return null;
  }
}
