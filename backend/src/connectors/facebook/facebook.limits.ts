import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/** Facebook Pages through the Graph API. Reels are vertical, 3–90 s. */
export const FACEBOOK_LIMITS: NetworkLimits = {
  network: 'facebook',
  label: 'Facebook',
  maxTextLength: 63_206,
  countText: countGraphemes,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 10 } }, allowsLink: true },
    video: { media: { video: { min: 1, max: 1 } }, title: { label: 'Video title', maxLength: 255 } },
    reel: { media: { video: { min: 1, max: 1 } } },
    story: { media: { image: { min: 0, max: 1 }, video: { min: 0, max: 1 } }, totalMedia: { min: 1, max: 1 } },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'], maxBytes: 10 * MB },
    video: {
      mimeTypes: ['video/mp4', 'video/quicktime'],
      maxBytes: 1024 * MB,
      durationSeconds: { min: 1, max: 4 * 3600 },
    },
  },
};
