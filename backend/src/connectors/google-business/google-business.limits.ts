import { countGraphemes, MB, NetworkLimits } from '../network-limits';

/**
 * Google Business Profile local posts: a summary of up to 1,500 characters and at most one photo
 * (JPEG or PNG, 10 KB – 5 MB). Updates, events and offers are one post type each way; which one is
 * `options.topic`, and the link becomes the call-to-action button's URL.
 */
export const GOOGLE_BUSINESS_LIMITS: NetworkLimits = {
  network: 'google-business',
  label: 'Google Business Profile',
  maxTextLength: 1500,
  countText: countGraphemes,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    photo: { media: { image: { min: 1, max: 1 } }, allowsLink: true },
  },
  media: {
    image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  },
};
