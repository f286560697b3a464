import { MB, NetworkLimits } from '../network-limits';

/** Mastodon counts every link as 23 characters, whatever its length (StatusLengthValidator). */
const URL_LENGTH = 23;
const LINK = /https?:\/\/[^\s<>"]+/g;
/** `@user@remote.example` counts as `@user`: the domain is free. */
const REMOTE_MENTION = /(^|[^\w/])@([\w.]*\w)@[\w.-]+\.[a-z]{2,}/gi;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Mastodon's countable text: links as 23, remote mentions without their domain, then graphemes. */
export function countMastodonText(text: string): number {
  const countable = text.replace(LINK, 'x'.repeat(URL_LENGTH)).replace(REMOTE_MENTION, '$1@$2');
  let count = 0;
  for (const _ of graphemes.segment(countable)) count++;
  return count;
}

/**
 * Mastodon's defaults (an instance may raise them; the connector reads the instance's own from
 * /api/v2/instance at connect and validates against those before publishing): 500 characters,
 * up to 4 images or one video or audio, polls of 2–4 choices of 50 characters, open 5 minutes to
 * a month; a status carries media or a poll, never both.
 */
export const MASTODON_LIMITS: NetworkLimits = {
  network: 'mastodon',
  label: 'Mastodon',
  maxTextLength: 500,
  countText: countMastodonText,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 4 } }, allowsLink: true },
    gif: { media: { gif: { min: 1, max: 1 } }, allowsLink: true },
    video: { media: { video: { min: 1, max: 1 } }, allowsLink: true },
    poll: {
      media: {},
      requiresText: true,
      allowsLink: true,
      poll: {
        options: { min: 2, max: 4 },
        maxOptionLength: 50,
        durationMinutes: { min: 5, max: 30 * 24 * 60 },
        durationChoices: [30, 60, 6 * 60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60],
      },
    },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/avif'], maxBytes: 16 * MB },
    gif: { mimeTypes: ['image/gif'], maxBytes: 16 * MB },
    video: { mimeTypes: ['video/mp4', 'video/quicktime', 'video/webm'], maxBytes: 99 * MB },
  },
};
