import { countGraphemes, MB, NetworkLimits } from '../network-limits';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/tiff'];

/**
 * Pinterest API v5 pins: the description is the post's text (500 characters), the pin title 100;
 * one image, one GIF or one video per pin (video 4 s – 15 min, up to 2 GB), carousels of 2–5
 * images. Every pin goes to a board (`options.boardId`).
 */
export const PINTEREST_LIMITS: NetworkLimits = {
  network: 'pinterest',
  label: 'Pinterest',
  maxTextLength: 500,
  countText: countGraphemes,
  postTypes: {
    photo: { media: { image: { min: 1, max: 1 } }, allowsLink: true, title: { label: 'Pin title', maxLength: 100 } },
    gif: { media: { gif: { min: 1, max: 1 } }, allowsLink: true, title: { label: 'Pin title', maxLength: 100 } },
    video: { media: { video: { min: 1, max: 1 } }, allowsLink: true, title: { label: 'Pin title', maxLength: 100 } },
    carousel: {
      media: { image: { min: 2, max: 5 } },
      allowsLink: true,
      title: { label: 'Pin title', maxLength: 100 },
    },
  },
  media: {
    image: { mimeTypes: IMAGE_TYPES, maxBytes: 20 * MB },
    gif: { mimeTypes: ['image/gif'], maxBytes: 20 * MB },
    video: {
      mimeTypes: ['video/mp4', 'video/quicktime', 'video/x-m4v'],
      maxBytes: 2048 * MB,
      durationSeconds: { min: 4, max: 15 * 60 },
      aspectRatio: { min: 1 / 2, max: 1.91 },
    },
  },
};
