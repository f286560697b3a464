import sharp from 'sharp';
import { fetchPublic } from '../../common/public-url';
import type { LinkPreviews } from '../../link-previews/link-previews.service';
import type { LinkCard, LinkCardReader } from './bluesky.embeds';

/** app.bsky.embed.external's thumb blob limit. */
const MAX_THUMB_BYTES = 1_000_000;
/** A page's image larger than this is not downloaded at all. */
const MAX_SOURCE_BYTES = 15 * 1024 * 1024;
const THUMB_TIMEOUT_MS = 8_000;
/** Bluesky shows cards at most about this wide. */
const THUMB_WIDTH = 1200;

/**
 * Link cards from the composer's own link previews (og: tags read through the private-network
 * guard, cached), with the image downloaded for upload as the card's thumbnail. A page that cannot
 * be read still gets a card with its address; an image over 1,000,000 bytes is scaled down to a
 * JPEG, and one that cannot be read or made small enough is left out.
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
    if (!response.ok || !mimeType.startsWith('image/') || declared > MAX_SOURCE_BYTES) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = await readAtMost(response.body as AsyncIterable<Uint8Array> | null, MAX_SOURCE_BYTES);
    if (!bytes) return null;
    if (bytes.length <= MAX_THUMB_BYTES) return { bytes, mimeType };
    const smaller = await sharp(bytes)
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
    return smaller.length <= MAX_THUMB_BYTES ? { bytes: smaller, mimeType: 'image/jpeg' } : null;
  } catch {
    // A card without a picture beats no post: the image is optional.
    return null;
  }
}

/** The body, or null once it grows past `limit` (the rest is not downloaded). */
async function readAtMost(body: AsyncIterable<Uint8Array> | null, limit: number): Promise<Buffer | null> {
  if (!body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
