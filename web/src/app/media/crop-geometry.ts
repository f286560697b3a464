import type { CropperPosition } from 'ngx-image-cropper';
import type { CropAspect } from './media.types';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** "4:5" → [4, 5]; "1.91:1" → [1.91, 1]. */
export function aspectParts(aspect: CropAspect): [number, number] {
  const [w, h] = aspect.split(':').map(Number);
  return [w, h];
}

/**
 * The cropper's frame in whole pixels of the image. With an aspect, the size is snapped so the
 * result has exactly that ratio where whole pixels allow it (4:5 → a multiple of 4 × 5): the
 * cropper works in screen pixels, and a frame one pixel off is not 4:5 to a network that checks.
 */
export function cropRect(
  frame: CropperPosition,
  image: { width: number; height: number },
  aspect: CropAspect | null,
): Rect {
  let width = Math.round(frame.x2 - frame.x1);
  let height = Math.round(frame.y2 - frame.y1);
  if (aspect) {
    const [a, b] = aspectParts(aspect);
    if (Number.isInteger(a) && Number.isInteger(b)) {
      const k = Math.max(1, Math.floor(Math.min(width / a, height / b) + 1e-6));
      [width, height] = [k * a, k * b];
    } else {
      height = Math.max(1, Math.round(width / (a / b)));
    }
  }
  width = Math.min(Math.max(1, width), image.width);
  height = Math.min(Math.max(1, height), image.height);
  const x = Math.min(Math.max(0, Math.round(frame.x1)), image.width - width);
  const y = Math.min(Math.max(0, Math.round(frame.y1)), image.height - height);
  return { x, y, width, height };
}
