import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/**
 * A WordPress site takes articles (posts): a title, HTML content, an optional featured image.
 * WordPress itself sets no length: post_content is a LONGTEXT and post_title a TEXT column (64 KB,
 * so 16,000 characters of four-byte text); the text limit is the 10,000 characters a post variant holds here.
 * Uploads are bounded by the site's PHP upload_max_filesize (2 MB by PHP's default, raised by most
 * hosts): 10 MB here, and a site that refuses a larger file fails the post as a bad request that says so.
 * Images WordPress core accepts: JPEG, PNG, GIF, WebP (5.8) and AVIF (6.5); one of them is the featured image.
 */
export const WORDPRESS_LIMITS: NetworkLimits = {
  network: 'wordpress',
  label: 'WordPress',
  maxTextLength: 10_000,
  countText: countGraphemes,
  postTypes: {
    article: {
      media: { image: { min: 0, max: 1 }, gif: { min: 0, max: 1 } },
      totalMedia: { min: 0, max: 1 },
      requiresText: true,
      allowsLink: true,
      title: { label: 'Article title', maxLength: 16_000, required: true },
    },
  },
  media: {
    image: {
      mimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif'],
      maxBytes: 10 * MB,
    },
    gif: { mimeTypes: ['image/gif'], maxBytes: 10 * MB },
  },
};
