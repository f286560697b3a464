import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/**
 * The demo network's documented limits, small enough that validation can be tried. It takes the
 * common post types and options (polls, carousels, titles, a first comment) so each can be tried
 * end to end without a real network.
 */
export const SANDBOX_LIMITS: NetworkLimits = {
  network: 'sandbox',
  label: 'Sandbox',
  maxTextLength: 500,
  countText: countGraphemes,
  firstComment: { maxLength: 500 },
  postTypes: {
    status: { media: {}, requiresText: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 4 } } },
    carousel: { media: { image: { min: 2, max: 10 } } },
    video: { media: { video: { min: 1, max: 1 } }, title: { label: 'Video title', maxLength: 100 } },
    poll: {
      media: {},
      requiresText: true,
      poll: {
        options: { min: 2, max: 4 },
        maxOptionLength: 25,
        durationMinutes: { min: 5, max: 7 * 24 * 60 },
        durationChoices: [60, 24 * 60, 3 * 24 * 60, 7 * 24 * 60],
      },
    },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 10 * MB },
    video: { mimeTypes: ['video/mp4'], maxBytes: 200 * MB, durationSeconds: { min: 1, max: 60 } },
  },
};
