import { MB, NetworkLimits } from '../network-limits';

/** Captions of photos, videos, documents and albums are shorter than messages. */
const CAPTION = 1024;

/**
 * Telegram through the Bot API. Messages take 4,096 characters and captions 1,024, both counted
 * after formatting is parsed, in UTF-16 code units (the unit Telegram's entity offsets use), so
 * `text.length` is the count. Files are uploaded by the bot: photos up to 10 MB (sides summing to
 * at most 10,000 px, ratio at most 20), other files up to 50 MB. Albums mix 2–10 photos and
 * videos. Polls ask a 300-character question with 2–10 choices of 100 characters; they stay open
 * until closed unless given 5–600 seconds.
 */
export const TELEGRAM_LIMITS: NetworkLimits = {
  network: 'telegram',
  label: 'Telegram',
  maxTextLength: 4096,
  countText: (text) => text.length,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 1 } }, allowsLink: true, maxTextLength: CAPTION },
    gif: { media: { gif: { min: 1, max: 1 } }, allowsLink: true, maxTextLength: CAPTION },
    video: { media: { video: { min: 1, max: 1 } }, allowsLink: true, maxTextLength: CAPTION },
    carousel: {
      media: { image: { min: 0, max: 10 }, video: { min: 0, max: 10 } },
      totalMedia: { min: 2, max: 10 },
      allowsLink: true,
      maxTextLength: CAPTION,
    },
    document: { media: { document: { min: 1, max: 1 } }, allowsLink: true, maxTextLength: CAPTION },
    poll: {
      media: {},
      requiresText: true,
      maxTextLength: 300,
      poll: {
        options: { min: 2, max: 10 },
        maxOptionLength: 100,
        durationMinutes: { min: 1, max: 10 },
        durationChoices: [1, 5, 10],
        durationOptional: true,
      },
    },
  },
  media: {
    image: {
      mimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
      maxBytes: 10 * MB,
      aspectRatio: { min: 1 / 20, max: 20 },
    },
    gif: { mimeTypes: ['image/gif', 'video/mp4'], maxBytes: 50 * MB },
    video: { mimeTypes: ['video/mp4'], maxBytes: 50 * MB },
    document: { mimeTypes: ['application/pdf'], maxBytes: 50 * MB },
  },
};
