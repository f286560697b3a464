import { countGraphemes, MB, NetworkLimits } from '../network-limits';

const DAY = 24 * 60;

/** LinkedIn's Posts API: 3,000 characters, multi-image posts of 2–20, PDFs up to 300 pages, polls of 2–4 choices. */
export const LINKEDIN_LIMITS: NetworkLimits = {
  network: 'linkedin',
  label: 'LinkedIn',
  maxTextLength: 3000,
  countText: countGraphemes,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    article: { media: {}, requiresLink: true, title: { label: 'Article title', maxLength: 400 } },
    photo: { media: { image: { min: 1, max: 1 } } },
    carousel: { media: { image: { min: 2, max: 20 } } },
    video: { media: { video: { min: 1, max: 1 } } },
    document: { media: { document: { min: 1, max: 1 } }, title: { label: 'Document title', maxLength: 400 } },
    poll: {
      media: {},
      requiresText: true,
      title: { label: 'Poll question', maxLength: 140, required: true },
      // The Posts API takes a poll's length as one of four durations, not as minutes.
      poll: {
        options: { min: 2, max: 4 },
        maxOptionLength: 30,
        durationMinutes: { min: DAY, max: 14 * DAY },
        durationChoices: [DAY, 3 * DAY, 7 * DAY, 14 * DAY],
        onlyChoices: true,
      },
    },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/gif'], maxBytes: 36 * MB },
    video: { mimeTypes: ['video/mp4'], maxBytes: 500 * MB, durationSeconds: { min: 3, max: 30 * 60 } },
    document: { mimeTypes: ['application/pdf'], maxBytes: 100 * MB, maxPages: 300 },
  },
};
