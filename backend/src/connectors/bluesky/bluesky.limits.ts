import { countGraphemes, NetworkLimits } from '../network-limits';

/** Bluesky's lexicons give sizes in decimal bytes (app.bsky.embed.images: 1,000,000; embed.video: 100,000,000). */
const DECIMAL_MB = 1_000_000;

/**
 * Bluesky (app.bsky.feed.post): 300 graphemes of text (and at most 3,000 UTF-8 bytes, which 300
 * graphemes of ordinary text never reach); one embed per post: up to 4 images of 1,000,000 bytes
 * each with alt text, or one MP4 video up to 3 minutes and 100,000,000 bytes, or a link card.
 * Threads are replies under the first post (`options.thread`).
 */
export const BLUESKY_LIMITS: NetworkLimits = {
  network: 'bluesky',
  label: 'Bluesky',
  maxTextLength: 300,
  countText: countGraphemes,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 4 } }, allowsLink: true },
    video: { media: { video: { min: 1, max: 1 } }, allowsLink: true },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: DECIMAL_MB },
    video: {
      mimeTypes: ['video/mp4'],
      maxBytes: 100 * DECIMAL_MB,
      durationSeconds: { min: 1, max: 180 },
      aspectRatio: { min: 1 / 3, max: 3 },
    },
  },
};
