import { open } from 'node:fs/promises';
import sharp from 'sharp';
import type { MediaFacts, MediaKind } from '../connectors/network-limits';
import { MediaTools, MissingToolError, runTool } from './media-tools';

/** What a file is, read from its bytes (never its name), mapped to the kinds posts can carry. */
const ACCEPTED: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'application/pdf': 'document',
};

export class UnsupportedMediaError extends Error {
  constructor(readonly detected: string) {
    super(`${detected} files cannot be posted (images, GIFs, MP4/MOV videos and PDFs can)`);
  }
}

export class ProbeError extends Error {}

/** `file-type` is ESM-only; Node ≥ 20.19 loads it from our CommonJS build. */
type FileTypeModule = typeof import('file-type', { with: { 'resolution-mode': 'import' } });
const fileType = (): Promise<FileTypeModule> => import('file-type');

export async function sniffMedia(path: string): Promise<{ kind: MediaKind; mimeType: string }> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4100), 0, 4100, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const detected = await (await fileType()).fileTypeFromBuffer(head);
  const mimeType = detected?.mime ?? 'an unknown kind of';
  const kind = ACCEPTED[mimeType];
  if (!kind) throw new UnsupportedMediaError(detected ? `${detected.mime} (.${detected.ext})` : 'Unrecognised');
  return { kind, mimeType };
}

/** Dimensions, duration or pages: sharp for images, ffprobe for video, a page count for PDFs. */
export async function probeMedia(
  path: string,
  bytes: number,
  sniffed: { kind: MediaKind; mimeType: string },
  tools: MediaTools,
): Promise<MediaFacts> {
  const base = { ...sniffed, bytes };
  if (sniffed.kind === 'image' || sniffed.kind === 'gif') {
    const meta = await sharp(path, { animated: sniffed.kind === 'gif' }).metadata();
    // EXIF orientations 5–8 are rotated a quarter turn: width and height swap as shown.
    const turned = (meta.orientation ?? 1) >= 5;
    const height = meta.pageHeight ?? meta.height;
    return { ...base, width: turned ? height : meta.width, height: turned ? meta.width : height };
  }
  if (sniffed.kind === 'video') return { ...base, ...(await probeVideo(path, tools)) };
  return { ...base, pages: await countPdfPages(path) };
}

export async function probeVideo(path: string, tools: MediaTools) {
  let stdout: string;
  try {
    stdout = await runTool(tools, 'ffprobe', [
      '-v',
      'error',
      '-print_format',
      'json',
      '-show_format',
      '-show_streams',
      path,
    ]);
  } catch (error) {
    if (error instanceof MissingToolError) throw error;
    throw new ProbeError('the video could not be read');
  }
  const info = JSON.parse(stdout) as {
    streams?: {
      codec_type?: string;
      width?: number;
      height?: number;
      tags?: { rotate?: string };
      side_data_list?: { rotation?: number }[];
    }[];
    format?: { duration?: string };
  };
  const video = info.streams?.find((s) => s.codec_type === 'video');
  if (!video) throw new ProbeError('the file has no video stream');
  const rotation = Math.abs(Number(video.tags?.rotate ?? video.side_data_list?.[0]?.rotation ?? 0)) % 180;
  return {
    width: rotation === 90 ? video.height : video.width,
    height: rotation === 90 ? video.width : video.height,
    durationSeconds: Number(info.format?.duration ?? 0),
  };
}

/**
 * Page count of a PDF: the number of `/Type /Page` objects. A heuristic (compressed object
 * streams can hide them), reported as at least one page; a PDF library would be exact.
 */
async function countPdfPages(path: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(path)).toString('latin1');
  return Math.max(1, (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length);
}
