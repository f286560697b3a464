import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { MediaKind } from '../connectors/network-limits';

const run = promisify(execFile);
export const THUMBNAIL_EDGE = 320;

/** A JPEG at most 320 px on its long edge: the image itself, a video's frame at 1 s; none for documents. */
export async function makeThumbnail(path: string, kind: MediaKind, ffmpeg = 'ffmpeg'): Promise<Buffer | null> {
  if (kind === 'document') return null;
  const source = kind === 'video' ? await videoFrame(path, ffmpeg) : path;
  return sharp(source)
    .rotate()
    .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function videoFrame(path: string, ffmpeg: string): Promise<Buffer> {
  const { stdout } = await run(
    ffmpeg,
    ['-v', 'error', '-ss', '1', '-i', path, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-'],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  if (stdout.length) return stdout;
  // Shorter than a second: the first frame.
  return (
    await run(ffmpeg, ['-v', 'error', '-i', path, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-'], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    })
  ).stdout;
}
