import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/** LinkedIn's Posts API: 3,000 characters, multi-image posts of 2–20, PDFs up to 300 pages. */
export const LINKEDIN_LIMITS: NetworkLimits = {
  network: 'linkedin',
  label: 'LinkedIn',
  maxTextLength: 3000,
  countText: countGraphemes,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    article: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 1 } } },
    carousel: { media: { image: { min: 2, max: 20 } } },
    video: { media: { video: { min: 1, max: 1 } } },
    document: { media: { document: { min: 1, max: 1 } } },
    poll: { media: {}, requiresText: true, pollOptions: { min: 2, max: 4 } },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/gif'], maxBytes: 36 * MB },
    video: { mimeTypes: ['video/mp4'], maxBytes: 500 * MB, durationSeconds: { min: 3, max: 30 * 60 } },
    document: { mimeTypes: ['application/pdf'], maxBytes: 100 * MB, maxPages: 300 },
  },
};
