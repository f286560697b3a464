import { ConnectorFailure, PublishMedia, PublishRequest } from '../connector';

/** The Pinterest options a variant carries (validated before scheduling by pinterest.options.ts). */
export interface PinOptions {
  boardId: string;
  sectionId: string | null;
  title: string | null;
  altText: string | null;
}

/** A pin's media as POST /v5/pins takes it. */
export type MediaSource = Record<string, unknown> & { source_type: string };

/** Images Pinterest takes as base64 (other types only by URL). */
const BASE64_TYPES = new Set(['image/jpeg', 'image/png']);

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** Reads the options; a pin without a board cannot be created, so that is the post's fault. */
export function pinOptions(options: Record<string, unknown>): PinOptions {
  const boardId = text(options.boardId);
  if (!boardId)
    throw new ConnectorFailure({
      kind: 'bad-request',
      reason: 'options.boardId: choose the Pinterest board this pin goes to',
    });
  return {
    boardId,
    sectionId: text(options.sectionId),
    title: text(options.title),
    altText: text(options.altText),
  };
}

/** The body of POST /v5/pins for a request whose media is already in `source`. */
export function pinBody(request: PublishRequest, options: PinOptions, source: MediaSource): Record<string, unknown> {
  return {
    board_id: options.boardId,
    ...(options.sectionId && { board_section_id: options.sectionId }),
    ...(options.title && { title: options.title }),
    ...(request.text && { description: request.text }),
    ...(request.link && { link: request.link }),
    ...(options.altText && { alt_text: options.altText }),
    media_source: source,
  };
}

/**
 * Pinterest fetches media by URL, which only works for URLs it can reach. Media served from a
 * loopback or private host (a server without a public address) is sent inline as base64 instead.
 */
export function reachableByPinterest(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return !/^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|0\.0\.0\.0)/i.test(host);
}

/** One image (or GIF) pin: by URL where Pinterest can fetch it, else inline. */
export async function imageSource(media: PublishMedia): Promise<MediaSource> {
  if (reachableByPinterest(media.url) || !BASE64_TYPES.has(media.mimeType))
    return { source_type: 'image_url', url: media.url };
  return { source_type: 'image_base64', content_type: media.mimeType, data: (await media.read()).toString('base64') };
}

/** A carousel of 2–5 images; each item repeats the pin's title, description and link. */
export async function carouselSource(request: PublishRequest, options: PinOptions): Promise<MediaSource> {
  const shared = {
    ...(options.title && { title: options.title }),
    ...(request.text && { description: request.text }),
    ...(request.link && { link: request.link }),
  };
  const inline = request.media.some((m) => !reachableByPinterest(m.url) && BASE64_TYPES.has(m.mimeType));
  if (!inline)
    return {
      source_type: 'multiple_image_urls',
      items: request.media.map((m) => ({ ...shared, url: m.url })),
      index: 0,
    };
  const items = [];
  for (const m of request.media)
    items.push({ ...shared, content_type: m.mimeType, data: (await m.read()).toString('base64') });
  return { source_type: 'multiple_image_base64', items, index: 0 };
}
