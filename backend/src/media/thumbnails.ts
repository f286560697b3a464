import sharp from 'sharp';
import type { MediaKind } from '../connectors/network-limits';
import { MediaTools, runTool } from './media-tools';

const FRAME = { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 } as const;
export const THUMBNAIL_EDGE = 320;

/** A JPEG at most 320 px on its long edge: the image itself, a video's frame at 1 s; none for documents. */
export async function makeThumbnail(path: string, kind: MediaKind, tools: MediaTools): Promise<Buffer | null> {
  if (kind === 'document') return null;
  const source = kind === 'video' ? await videoFrame(path, tools) : path;
  return sharp(source)
    .rotate()
    .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function videoFrame(path: string, tools: MediaTools): Promise<Buffer> {
  const frameAt = (seek: string[]) =>
    runTool(
      tools,
      'ffmpeg',
      ['-v', 'error', ...seek, '-i', path, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-'],
      FRAME,
    );
  const atOneSecond = await frameAt(['-ss', '1']);
  // Shorter than a second: the first frame.
  return atOneSecond.length ? atOneSecond : frameAt([]);
}
