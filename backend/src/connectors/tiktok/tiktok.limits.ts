import { MB, NetworkLimits } from '../network-limits';

const PHOTO_TITLE = { label: 'Photo post title', maxLength: 90 };

/**
 * TikTok's Content Posting API: a video's caption is at most 2,200 UTF-16 code units (TikTok's
 * "runes", so JavaScript's length); a photo post's description 4,000 and its title 90. Videos MP4/WebM/QuickTime up to 4 GB and 10 minutes (the creator's own
 * `max_video_post_duration_sec` from creator info is checked at publish); photo posts take 1–35
 * JPEG or WebP images of at most 20 MB (PNG is not accepted).
 */
export const TIKTOK_LIMITS: NetworkLimits = {
  network: 'tiktok',
  label: 'TikTok',
  maxTextLength: 2200,
  countText: (text) => text.length,
  postTypes: {
    video: { media: { video: { min: 1, max: 1 } } },
    photo: { media: { image: { min: 1, max: 1 } }, title: PHOTO_TITLE, maxTextLength: 4000 },
    carousel: { media: { image: { min: 2, max: 35 } }, title: PHOTO_TITLE, maxTextLength: 4000 },
  },
  media: {
    video: {
      mimeTypes: ['video/mp4', 'video/webm', 'video/quicktime'],
      maxBytes: 4096 * MB,
      durationSeconds: { min: 3, max: 10 * 60 },
    },
    image: { mimeTypes: ['image/jpeg', 'image/webp'], maxBytes: 20 * MB },
  },
};
