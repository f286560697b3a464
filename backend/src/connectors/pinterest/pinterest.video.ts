import { ConnectorFailure, PublishMedia } from '../connector';
import { requireString, retryFailure, valueAt } from '../oauth2/network-http';
import { PINTEREST_LABEL, PinterestApi } from './pinterest.api';
import type { MediaSource } from './pinterest.content';

export interface PinterestVideoPacing {
  /** Wait between status checks while Pinterest processes the video. */
  statusIntervalMs: number;
  maxStatusChecks: number;
}

/** Pinterest processes most videos within a few minutes; 60 checks 5 s apart is five. */
export const DEFAULT_PINTEREST_VIDEO_PACING: PinterestVideoPacing = { statusIntervalMs: 5000, maxStatusChecks: 60 };

/** The cover is the frame one second in (in ms): the first frame is often black; videos last at least 4 s. */
const COVER_FRAME_MS = 1000;

/**
 * Registers the upload (POST /v5/media), sends the bytes to the storage URL it returns, and waits
 * until the media is `succeeded`. Pinterest needs a cover for the pin: a frame of the video.
 */
export async function uploadPinterestVideo(
  api: PinterestApi,
  token: string,
  media: PublishMedia,
  pacing: PinterestVideoPacing,
): Promise<MediaSource> {
  const registered = await api.json(token, 'POST', '/media', { media_type: 'video' });
  const mediaId = requireString(registered, 'media_id', PINTEREST_LABEL);
  const uploadUrl = requireString(registered, 'upload_url', PINTEREST_LABEL);
  const fields = uploadFields(valueAt(registered, 'upload_parameters'));
  const bytes = await media.read();
  await api.uploadForm(uploadUrl, fields, new Blob([new Uint8Array(bytes)], { type: media.mimeType }));
  await waitUntilProcessed(api, token, mediaId, pacing);
  return { source_type: 'video_id', media_id: mediaId, cover_image_key_frame_time: COVER_FRAME_MS };
}

async function waitUntilProcessed(
  api: PinterestApi,
  token: string,
  mediaId: string,
  pacing: PinterestVideoPacing,
): Promise<void> {
  for (let check = 0; check < pacing.maxStatusChecks; check++) {
    const body = await api.json(token, 'GET', `/media/${encodeURIComponent(mediaId)}`);
    const status = valueAt(body, 'status');
    if (status === 'succeeded') return;
    if (status === 'failed')
      throw new ConnectorFailure({
        kind: 'bad-request',
        reason: 'media: Pinterest could not process the video (check its format, length and size)',
      });
    await new Promise((resolve) => setTimeout(resolve, pacing.statusIntervalMs));
  }
  throw retryFailure(`${PINTEREST_LABEL} was still processing the video after ${pacing.maxStatusChecks} checks`);
}

function uploadFields(parameters: unknown): Record<string, string> {
  if (!parameters || typeof parameters !== 'object') return {};
  return Object.fromEntries(
    Object.entries(parameters as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}
