import twitter from 'twitter-text';
import { MB, NetworkLimits } from '../network-limits';

/**
 * X counts text its own way (URLs as 23, most emoji and CJK as 2): twitter-text's weighted length.
 * Up to 4 images, or one GIF, or one video; images and video never mix. Polls: 2–4 choices of 25
 * characters, open 5 minutes to 7 days.
 */
export const X_LIMITS: NetworkLimits = {
  network: 'x',
  label: 'X',
  maxTextLength: 280,
  countText: (text) => twitter.parseTweet(text).weightedLength,
  postTypes: {
    status: { media: {}, requiresText: true, allowsLink: true },
    link: { media: {}, requiresLink: true },
    photo: { media: { image: { min: 1, max: 4 } }, allowsLink: true },
    gif: { media: { gif: { min: 1, max: 1 } }, allowsLink: true },
    video: { media: { video: { min: 1, max: 1 } }, allowsLink: true },
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
    image: { mimeTypes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 5 * MB },
    gif: { mimeTypes: ['image/gif'], maxBytes: 15 * MB },
    video: {
      mimeTypes: ['video/mp4', 'video/quicktime'],
      maxBytes: 512 * MB,
      durationSeconds: { min: 0.5, max: 140 },
      aspectRatio: { min: 1 / 3, max: 3 },
    },
  },
};
