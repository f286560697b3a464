import { fetchPublic } from '../../common/public-url';
import type { LinkPreviews } from '../../link-previews/link-previews.service';
import type { LinkCard, LinkCardReader } from './bluesky.embeds';

/** app.bsky.embed.external's thumb blob limit. */
const MAX_THUMB_BYTES = 1_000_000;
const THUMB_TIMEOUT_MS = 8_000;

/**
 * Link cards from the composer's own link previews (og: tags read through the private-network
 * guard, cached), with the image downloaded for upload as the card's thumbnail. A page that cannot
 * be read still gets a card with its address; an image too large or unreadable is left out.
 */
export function linkCardReader(previews: Pick<LinkPreviews, 'preview'>, allowPrivate: boolean): LinkCardReader {
  return async (url: string): Promise<LinkCard> => {
    const preview = await previews.preview(url).catch(() => null);
    const title = preview?.title ?? new URL(url).hostname;
    const description = preview?.description ?? '';
    const thumb = preview?.image ? await readThumb(preview.image, allowPrivate) : null;
    return { title, description, thumb };
  };
}

async function readThumb(url: string, allowPrivate: boolean): Promise<LinkCard['thumb']> {
  try {
    const response = await fetchPublic(url, { signal: AbortSignal.timeout(THUMB_TIMEOUT_MS) }, { allowPrivate });
    const mimeType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (!response.ok || !mimeType.startsWith('image/') || declared > MAX_THUMB_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length <= MAX_THUMB_BYTES ? { bytes, mimeType } : null;
  } catch {
    return null;
  }
}
