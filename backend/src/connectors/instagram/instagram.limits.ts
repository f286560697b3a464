import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/**
 * Instagram's content publishing API: JPEG images between 4:5 and 1.91:1, carousels of 2–10
 * items, reels 3 s–15 min, at most 30 hashtags in a caption.
 */
export const INSTAGRAM_LIMITS: NetworkLimits = {
  network: 'instagram',
  label: 'Instagram',
  maxTextLength: 2200,
  countText: countGraphemes,
  maxHashtags: 30,
  postTypes: {
    photo: { media: { image: { min: 1, max: 1 } } },
    carousel: { media: { image: { min: 0, max: 10 }, video: { min: 0, max: 10 } }, totalMedia: { min: 2, max: 10 } },
    reel: { media: { video: { min: 1, max: 1 } } },
    story: { media: { image: { min: 0, max: 1 }, video: { min: 0, max: 1 } }, totalMedia: { min: 1, max: 1 } },
  },
  media: {
    image: { mimeTypes: ['image/jpeg'], maxBytes: 8 * MB, aspectRatio: { min: 4 / 5, max: 1.91 } },
    video: {
      mimeTypes: ['video/mp4', 'video/quicktime'],
      maxBytes: 300 * MB,
      durationSeconds: { min: 3, max: 15 * 60 },
    },
  },
};
