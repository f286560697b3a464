import sharp from 'sharp';
import type { MediaFacts, MediaRule, Range } from '../connectors/network-limits';

/** One change that makes an image fit a network's rule, with the sentence the composer shows. */
export type ImageFix =
  | { kind: 'crop-aspect'; target: Range; description: string }
  | { kind: 'convert'; to: 'image/jpeg'; description: string }
  | { kind: 'shrink'; maxBytes: number; description: string };

const ratio = (facts: MediaFacts) => (facts.width && facts.height ? facts.width / facts.height : null);

/** What would make `facts` acceptable under `rule` (images only; videos need a person). */
export function planFixes(facts: MediaFacts, rule: MediaRule): ImageFix[] {
  if (facts.kind !== 'image') return [];
  const fixes: ImageFix[] = [];
  const r = ratio(facts);
  if (rule.aspectRatio && r !== null && (r < rule.aspectRatio.min || r > rule.aspectRatio.max)) {
    const target = rule.aspectRatio;
    fixes.push({
      kind: 'crop-aspect',
      target,
      description: `Crop to an aspect ratio between ${target.min} and ${target.max}`,
    });
  }
  if (!rule.mimeTypes.includes(facts.mimeType) && rule.mimeTypes.includes('image/jpeg')) {
    fixes.push({ kind: 'convert', to: 'image/jpeg', description: 'Convert to JPEG' });
  }
  if (facts.bytes > rule.maxBytes) {
    fixes.push({
      kind: 'shrink',
      maxBytes: rule.maxBytes,
      description: `Shrink below ${Math.floor(rule.maxBytes / 1048576)} MB`,
    });
  }
  return fixes;
}

/** A new image with the fixes applied (the original is left as it is). */
export async function applyImageFixes(input: Buffer, fixes: ImageFix[]): Promise<{ data: Buffer; mimeType: string }> {
  let image = sharp(input).rotate();
  const meta = await sharp(await image.toBuffer()).metadata();
  let width = meta.width!;
  let height = meta.height!;
  const crop = fixes.find((f) => f.kind === 'crop-aspect');
  if (crop) {
    // Centre crop to the nearest allowed ratio.
    const r = width / height;
    const target = Math.min(Math.max(r, crop.target.min), crop.target.max);
    const [w, h] = r > target ? [Math.round(height * target), height] : [width, Math.round(width / target)];
    image = image.extract({
      left: Math.floor((width - w) / 2),
      top: Math.floor((height - h) / 2),
      width: w,
      height: h,
    });
    [width, height] = [w, h];
  }
  const toJpeg = fixes.some((f) => f.kind === 'convert') || meta.format === 'jpeg';
  const shrink = fixes.find((f) => f.kind === 'shrink');
  let data = await (toJpeg ? image.jpeg({ quality: 90 }) : image).toBuffer();
  // Lower quality, then size, until it fits.
  for (let step = 0; shrink && data.length > shrink.maxBytes && step < 12; step++) {
    const scale = step < 4 ? 1 : 0.8 ** (step - 3);
    data = await sharp(data)
      .resize(Math.round(width * scale), Math.round(height * scale))
      .jpeg({ quality: Math.max(50, 85 - step * 8) })
      .toBuffer();
  }
  return { data, mimeType: toJpeg || shrink ? 'image/jpeg' : `image/${meta.format}` };
}
