import { MB, NetworkLimits } from '../network-limits';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** Threads counts a character as one, but an emoji as the number of its UTF-8 bytes. */
export function countThreadsText(text: string): number {
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    count += EMOJI.test(segment) ? Buffer.byteLength(segment, 'utf8') : 1;
  }
  return count;
}

/** Posts a Threads profile may publish through the API in any 24 hours (a carousel counts once). */
export const THREADS_DAILY_POSTS = 250;

/**
 * Threads API: 500 characters, one topic tag; JPEG/PNG images up to 8 MB, MP4/MOV videos up to
 * 1 GB and 5 minutes; carousels of 2–20 images and videos; a link attachment on text posts.
 */
export const THREADS_LIMITS: NetworkLimits = {
  network: 'threads',
  label: 'Threads',
  maxTextLength: 500,
  countText: countThreadsText,
  maxHashtags: 1,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 1 } }, allowsLink: true },
    video: { media: { video: { min: 1, max: 1 } }, allowsLink: true },
    carousel: {
      media: { image: { min: 0, max: 20 }, video: { min: 0, max: 20 } },
      totalMedia: { min: 2, max: 20 },
      allowsLink: true,
    },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 8 * MB, aspectRatio: { min: 0.1, max: 10 } },
    video: {
      mimeTypes: ['video/mp4', 'video/quicktime'],
      maxBytes: 1024 * MB,
      durationSeconds: { min: 0, max: 5 * 60 },
      aspectRatio: { min: 0.01, max: 10 },
    },
  },
};
