import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/** The demo network's documented limits, small enough that validation can be tried. */
export const SANDBOX_LIMITS: NetworkLimits = {
  network: 'sandbox',
  label: 'Sandbox',
  maxTextLength: 500,
  countText: countGraphemes,
  postTypes: {
    status: { media: {}, requiresText: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 4 } } },
    video: { media: { video: { min: 1, max: 1 } } },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 10 * MB },
    video: { mimeTypes: ['video/mp4'], maxBytes: 200 * MB, durationSeconds: { min: 1, max: 60 } },
  },
};
