import sharp, { type Sharp } from 'sharp';
import { ASPECTS } from './aspect-ratios';
import type { EditOperationDto, WatermarkPosition } from './media-edit.dto';
import { MAX_EDGE } from './media-edit.dto';

/** A step that cannot apply to the image as the earlier steps left it; `field` names the culprit. */
export class EditStepError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

interface Frame {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

export interface EditedImage {
  data: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

/** The workspace logo's bytes, fetched only when a watermark asks for it. */
export type LogoLoader = () => Promise<Buffer>;

const OUTPUT: Record<string, (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 90 }),
  'image/png': (image) => image.png(),
  'image/webp': (image) => image.webp({ quality: 90 }),
};

/**
 * Applies the steps in order to a new image, in the original's format (the original is untouched).
 * Between steps the pixels stay raw, so a JPEG is compressed once, at the end, not once per step.
 */
export async function editImage(
  input: Buffer,
  mimeType: string,
  operations: EditOperationDto[],
  logo: LogoLoader,
): Promise<EditedImage> {
  let frame = await toFrame(sharp(input).rotate());
  for (const [i, op] of operations.entries()) {
    frame = await toFrame(await step(frame, op, `operations.${i}`, logo));
  }
  const encode = OUTPUT[mimeType] ?? OUTPUT['image/png'];
  const data = await encode(sharp(frame.data, { raw: frame.info })).toBuffer();
  return {
    data,
    mimeType: OUTPUT[mimeType] ? mimeType : 'image/png',
    width: frame.info.width,
    height: frame.info.height,
  };
}

async function toFrame(image: Sharp): Promise<Frame> {
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

async function step(frame: Frame, op: EditOperationDto, at: string, logo: LogoLoader): Promise<Sharp> {
  const image = sharp(frame.data, { raw: frame.info });
  const { width, height } = frame.info;
  switch (op.op) {
    case 'crop':
      return image.extract(op.aspect ? centred(width, height, ASPECTS[op.aspect]) : rectangle(frame, op, at));
    case 'resize':
      // Both edges: exactly that size, cropped from the centre rather than stretched.
      return image.resize(op.width!, op.height ?? Math.max(1, Math.round((height * op.width!) / width)), {
        fit: 'cover',
      });
    case 'rotate':
      return image.rotate(op.degrees!);
    case 'watermark':
      return image.composite([await stamp(width, height, op, at, logo)]);
  }
}

/** The largest centred rectangle of `ratio` (width / height). */
function centred(width: number, height: number, ratio: number) {
  const [w, h] =
    width / height > ratio
      ? [Math.max(1, Math.round(height * ratio)), height]
      : [width, Math.max(1, Math.round(width / ratio))];
  return { left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h };
}

function rectangle(frame: Frame, op: EditOperationDto, at: string) {
  const { width, height } = frame.info;
  const [x, y, w, h] = [op.x!, op.y!, op.width!, op.height!];
  if (x >= width) throw new EditStepError(`${at}.x`, `is past the image's right edge (${width} px wide)`);
  if (y >= height) throw new EditStepError(`${at}.y`, `is past the image's bottom edge (${height} px high)`);
  if (x + w > width)
    throw new EditStepError(`${at}.width`, `reaches past the right edge: at most ${width - x} from x=${x}`);
  if (y + h > height)
    throw new EditStepError(`${at}.height`, `reaches past the bottom edge: at most ${height - y} from y=${y}`);
  return { left: x, top: y, width: w, height: h };
}

/** The watermark as one overlay: the logo and/or the text, at `opacity`, inside a margin of the edge. */
async function stamp(width: number, height: number, op: EditOperationDto, at: string, logo: LogoLoader) {
  const margin = Math.round(Math.min(width, height) * 0.03);
  const room = { width: Math.max(1, width - 2 * margin), height: Math.max(1, height - 2 * margin) };
  const parts: Buffer[] = [];
  if (op.logo) parts.push(await logoPart(await logo(), room, at));
  if (op.text) parts.push(await textPart(op.text, room));
  const overlay = await stack(parts, room);
  const faded = await sharp(overlay)
    .composite([
      {
        input: Buffer.from([0, 0, 0, Math.round(255 * op.opacity!)]),
        raw: { width: 1, height: 1, channels: 4 },
        tile: true,
        blend: 'dest-in',
      },
    ])
    .png()
    .toBuffer({ resolveWithObject: true });
  return { input: faded.data, ...place(op.position!, width, height, faded.info, margin) };
}

async function logoPart(data: Buffer, room: { width: number; height: number }, at: string): Promise<Buffer> {
  try {
    return await sharp(data)
      .resize(Math.max(1, Math.round(room.width * 0.25)), Math.max(1, Math.round(room.height * 0.25)), {
        fit: 'inside',
      })
      .ensureAlpha()
      .png()
      .toBuffer();
  } catch {
    throw new EditStepError(`${at}.logo`, 'the workspace logo is not an image that can be read');
  }
}

const escapeMarkup = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** White text on a dark translucent band, readable on light and dark photos alike. */
async function textPart(text: string, room: { width: number; height: number }): Promise<Buffer> {
  const rendered = await sharp({
    text: {
      text: `<span foreground="white">${escapeMarkup(text)}</span>`,
      font: 'sans bold',
      width: Math.max(1, Math.round(room.width * 0.5)),
      height: Math.max(8, Math.round(Math.min(room.width, room.height) * 0.08)),
      rgba: true,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  const pad = Math.max(2, Math.round(rendered.info.height * 0.3));
  return sharp({
    create: {
      width: Math.min(MAX_EDGE, rendered.info.width + 2 * pad),
      height: rendered.info.height + 2 * pad,
      channels: 4,
      background: { r: 0, g: 0, b: 0, alpha: 0.4 },
    },
  })
    .composite([{ input: rendered.data, left: pad, top: pad }])
    .png()
    .toBuffer();
}

/** Logo above text, left-aligned, never larger than `room`. */
async function stack(parts: Buffer[], room: { width: number; height: number }): Promise<Buffer> {
  const sized = await Promise.all(parts.map(async (p) => ({ data: p, meta: await sharp(p).metadata() })));
  const gap = sized.length > 1 ? 4 : 0;
  const width = Math.min(room.width, Math.max(...sized.map((s) => s.meta.width!)));
  const height = Math.min(room.height, sized.reduce((sum, s) => sum + s.meta.height!, 0) + gap);
  let top = 0;
  const layers = [];
  for (const s of sized) {
    const fitted =
      s.meta.width! > width || top + s.meta.height! > height
        ? await sharp(s.data)
            .resize(width, Math.max(1, height - top), { fit: 'inside' })
            .png()
            .toBuffer()
        : s.data;
    layers.push({ input: fitted, left: 0, top });
    top += (await sharp(fitted).metadata()).height! + gap;
  }
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite(layers)
    .png()
    .toBuffer();
}

function place(
  position: WatermarkPosition,
  width: number,
  height: number,
  overlay: { width: number; height: number },
  margin: number,
) {
  const right = width - overlay.width - margin;
  const bottom = height - overlay.height - margin;
  const spots: Record<WatermarkPosition, [number, number]> = {
    'top-left': [margin, margin],
    'top-right': [right, margin],
    'bottom-left': [margin, bottom],
    'bottom-right': [right, bottom],
    center: [Math.round((width - overlay.width) / 2), Math.round((height - overlay.height) / 2)],
  };
  const [left, top] = spots[position];
  return { left: Math.max(0, left), top: Math.max(0, top) };
}
