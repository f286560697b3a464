import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorFailure, PublishMedia } from '../connector';
import type { MediaKind } from '../network-limits';
import { requireString, retryFailure, valueAt } from '../oauth2/network-http';
import { X_LABEL, XApi } from './x.api';

/** How uploads are paced; specs shrink chunks and skip waiting between status checks. */
export interface XUploadPacing {
  /** X accepts APPEND segments up to 5 MB. */
  chunkBytes: number;
  /** Fixed wait between STATUS checks; null follows X's `check_after_secs`. */
  statusIntervalMs: number | null;
  /** Video processing is bounded: after this many checks the attempt is retried later. */
  maxStatusChecks: number;
}

export const DEFAULT_X_UPLOAD_PACING: XUploadPacing = {
  chunkBytes: 4 * 1024 * 1024,
  statusIntervalMs: null,
  maxStatusChecks: 60,
};

const MEDIA_CATEGORY: Partial<Record<MediaKind, string>> = {
  image: 'tweet_image',
  gif: 'tweet_gif',
  video: 'tweet_video',
};

interface ProcessingInfo {
  state?: string;
  check_after_secs?: number;
  error?: { message?: string };
}

const UPLOAD_PATH = '/2/media/upload';

/** Chunked upload (INIT → APPEND… → FINALIZE → STATUS while processing); returns the media id. */
export async function uploadXMedia(
  api: XApi,
  token: string,
  media: PublishMedia,
  pacing: XUploadPacing,
): Promise<string> {
  const category = MEDIA_CATEGORY[media.kind];
  if (!category) throw new ConnectorFailure({ kind: 'bad-request', reason: `X does not take ${media.kind} media` });
  const bytes = await media.read();
  const init = await api.json(
    token,
    'POST',
    UPLOAD_PATH,
    form({ command: 'INIT', media_type: media.mimeType, total_bytes: String(bytes.length), media_category: category }),
  );
  const mediaId = requireString(init, 'data.id', X_LABEL);
  for (let offset = 0, segment = 0; offset < bytes.length; offset += pacing.chunkBytes, segment++) {
    const chunk = bytes.subarray(offset, offset + pacing.chunkBytes);
    const append = form({ command: 'APPEND', media_id: mediaId, segment_index: String(segment) });
    append.set('media', new Blob([new Uint8Array(chunk)]), 'chunk');
    await api.send(token, 'POST', UPLOAD_PATH, append);
  }
  const finalized = await api.json(token, 'POST', UPLOAD_PATH, form({ command: 'FINALIZE', media_id: mediaId }));
  await awaitProcessing(api, token, mediaId, processingInfo(finalized), pacing);
  return mediaId;
}

/** Video and GIFs are processed after FINALIZE; a post can only use them once X says succeeded. */
async function awaitProcessing(
  api: XApi,
  token: string,
  mediaId: string,
  info: ProcessingInfo | undefined,
  pacing: XUploadPacing,
): Promise<void> {
  for (let checks = 0; ; checks++) {
    if (!info || info.state === 'succeeded') return;
    if (info.state === 'failed') {
      throw new ConnectorFailure({
        kind: 'bad-request',
        reason: `X could not process the media: ${info.error?.message ?? 'no reason given'}`,
      });
    }
    if (checks >= pacing.maxStatusChecks) throw retryFailure(`X was still processing the media after ${checks} checks`);
    await sleep(pacing.statusIntervalMs ?? (info.check_after_secs ?? 1) * 1000);
    const status = await api.json(
      token,
      'GET',
      `${UPLOAD_PATH}?command=STATUS&media_id=${encodeURIComponent(mediaId)}`,
    );
    info = processingInfo(status);
    if (!info) throw retryFailure(`${X_LABEL} answered STATUS without data.processing_info`);
  }
}

function processingInfo(body: unknown): ProcessingInfo | undefined {
  const info = valueAt(body, 'data.processing_info');
  return info && typeof info === 'object' ? (info as ProcessingInfo) : undefined;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}
