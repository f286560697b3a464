import { MB, NetworkLimits } from '../network-limits';

const GB = 1024 * MB;

/** Title rule shared by videos and Shorts: videos.insert refuses an empty one or one over 100 characters. */
const VIDEO_TITLE = { label: 'Video title', maxLength: 100, required: true };

/**
 * YouTube Data API v3 (videos.insert): the post text is the description, at most 5,000 bytes of
 * UTF-8 (the API counts bytes, not characters); more than 60 hashtags and YouTube ignores them
 * all. Files up to 256 GB or 12 hours. A Short is a vertical or square video of at most 3 minutes
 * (checked in youtube.options.ts, since media rules here apply to every post type). An image
 * attached to a video is set as its custom thumbnail (thumbnails.set: JPEG or PNG, at most 2 MB).
 */
export const YOUTUBE_LIMITS: NetworkLimits = {
  network: 'youtube',
  label: 'YouTube',
  maxTextLength: 5000,
  countText: (text) => Buffer.byteLength(text, 'utf8'),
  maxHashtags: 60,
  postTypes: {
    video: { media: { video: { min: 1, max: 1 }, image: { min: 0, max: 1 } }, title: VIDEO_TITLE },
    short: { media: { video: { min: 1, max: 1 } }, title: VIDEO_TITLE },
  },
  media: {
    video: {
      mimeTypes: [
        'video/mp4',
        'video/quicktime',
        'video/webm',
        'video/x-msvideo',
        'video/mpeg',
        'video/3gpp',
        'video/x-flv',
        'video/x-ms-wmv',
      ],
      maxBytes: 256 * GB,
      durationSeconds: { min: 1, max: 12 * 3600 },
    },
    image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 2 * MB },
  },
};

/** Longest Short YouTube accepts (since October 2024). */
export const YOUTUBE_SHORT_MAX_SECONDS = 180;
