import sharp from 'sharp';

type Colour = { r: number; g: number; b: number };

/** A plain PNG of this size and colour, made in memory: media for specs without binary fixtures. */
export const pngOf = (width: number, height: number, background: Colour) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
