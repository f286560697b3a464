import { PublishMedia } from '../connector';
import { requireString } from '../oauth2/network-http';
import { listOf, WordPressApi } from './wordpress.api';
import { WORDPRESS_LABEL, WordPressSite } from './wordpress.site';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/**
 * The featured image's media id: the one an interrupted attempt already uploaded under this slug,
 * or a new upload (raw bytes with Content-Disposition, WordPress's documented way) with its alt text.
 */
export async function featuredImageId(
  api: WordPressApi,
  site: WordPressSite,
  image: PublishMedia,
  input: { slug: string; title: string; altText: string | null },
): Promise<number> {
  const existing = listOf(
    await api.json(site, {
      method: 'GET',
      route: '/wp/v2/media',
      query: { slug: input.slug, context: 'edit', _fields: 'id' },
    }),
  )[0];
  if (existing) return Number(requireString(existing, 'id', WORDPRESS_LABEL));
  const filename = `${input.slug}.${EXTENSIONS[image.mimeType] ?? 'img'}`;
  const uploaded = await api.json(site, {
    method: 'POST',
    route: '/wp/v2/media',
    query: { slug: input.slug, title: input.title, alt_text: input.altText ?? undefined },
    bytes: {
      body: await image.read(),
      headers: { 'content-type': image.mimeType, 'content-disposition': `attachment; filename="${filename}"` },
    },
  });
  return Number(requireString(uploaded, 'id', WORDPRESS_LABEL));
}
