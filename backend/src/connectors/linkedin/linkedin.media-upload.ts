import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorFailure, PublishMedia } from '../connector';
import { optionalArray, optionalCount, requireString, retryFailure, valueAt } from '../oauth2/network-http';
import { LINKEDIN_LABEL, LinkedInApi } from './linkedin.api';

/** Video processing is bounded; specs set the interval to 0. */
export interface LinkedInUploadPacing {
  statusIntervalMs: number;
  maxStatusChecks: number;
}

export const DEFAULT_LINKEDIN_UPLOAD_PACING: LinkedInUploadPacing = { statusIntervalMs: 5000, maxStatusChecks: 60 };

/** Images and documents: initializeUpload, one PUT of the bytes, then the returned urn is usable. */
export async function uploadLinkedInAsset(
  api: LinkedInApi,
  token: string,
  owner: string,
  media: PublishMedia,
): Promise<string> {
  const resource = media.kind === 'document' ? 'documents' : 'images';
  const init = await api.json(token, 'POST', `/rest/${resource}?action=initializeUpload`, {
    initializeUploadRequest: { owner },
  });
  const uploadUrl = requireString(init, 'value.uploadUrl', LINKEDIN_LABEL);
  const urn = requireString(init, media.kind === 'document' ? 'value.document' : 'value.image', LINKEDIN_LABEL);
  await api.upload(token, uploadUrl, await media.read());
  return urn;
}

/** Videos: initializeUpload gives byte ranges to PUT; finalizeUpload takes every part's ETag. */
export async function uploadLinkedInVideo(
  api: LinkedInApi,
  token: string,
  owner: string,
  media: PublishMedia,
  pacing: LinkedInUploadPacing,
): Promise<string> {
  const bytes = await media.read();
  const init = await api.json(token, 'POST', '/rest/videos?action=initializeUpload', {
    initializeUploadRequest: { owner, fileSizeBytes: bytes.length, uploadCaptions: false, uploadThumbnail: false },
  });
  const video = requireString(init, 'value.video', LINKEDIN_LABEL);
  const uploadedPartIds: string[] = [];
  for (const part of optionalArray(init, 'value.uploadInstructions', LINKEDIN_LABEL)) {
    const chunk = bytes.subarray(optionalCount(part, 'firstByte'), optionalCount(part, 'lastByte') + 1);
    const reply = await api.upload(token, requireString(part, 'uploadUrl', LINKEDIN_LABEL), chunk);
    const etag = reply.headers.get('etag');
    if (!etag) throw retryFailure(`${LINKEDIN_LABEL} accepted a video part without an ETag`);
    uploadedPartIds.push(etag);
  }
  const uploadToken = valueAt(init, 'value.uploadToken');
  await api.send(token, 'POST', '/rest/videos?action=finalizeUpload', {
    body: {
      finalizeUploadRequest: {
        video,
        uploadToken: typeof uploadToken === 'string' ? uploadToken : '',
        uploadedPartIds,
      },
    },
  });
  await awaitAvailable(api, token, video, pacing);
  return video;
}

/** A post may only use a video once LinkedIn reports it AVAILABLE. */
async function awaitAvailable(
  api: LinkedInApi,
  token: string,
  video: string,
  pacing: LinkedInUploadPacing,
): Promise<void> {
  for (let checks = 0; checks < pacing.maxStatusChecks; checks++) {
    const body = await api.json(token, 'GET', `/rest/videos/${encodeURIComponent(video)}`);
    const status = requireString(body, 'status', LINKEDIN_LABEL);
    if (status === 'AVAILABLE') return;
    if (status === 'PROCESSING_FAILED') {
      const reason = valueAt(body, 'processingFailureReason');
      throw new ConnectorFailure({
        kind: 'bad-request',
        reason: `LinkedIn could not process the video: ${String(reason ?? 'no reason given')}`,
      });
    }
    await sleep(pacing.statusIntervalMs);
  }
  throw retryFailure(`${LINKEDIN_LABEL} was still processing the video after ${pacing.maxStatusChecks} checks`);
}
