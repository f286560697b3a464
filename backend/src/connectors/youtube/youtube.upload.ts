import type { PublishMedia } from '../connector';
import type { UploadSessions } from '../network-state/upload-sessions';
import { callNetwork, NetworkReply, parseReply, requireString, retryFailure } from '../oauth2/network-http';
import { YOUTUBE_LABEL, YouTubeApi } from './youtube.api';
import { classifyYouTubeFailure } from './youtube.errors';

/** Google wants every chunk but the last in multiples of 256 KiB. */
export const UPLOAD_CHUNK_UNIT = 256 * 1024;

/** Where a resumable upload stands on YouTube's side. */
export type UploadState =
  { kind: 'done'; videoId: string } | { kind: 'partial'; nextByte: number } | { kind: 'expired' };

/** One video going up through YouTube's resumable protocol, its session URI kept under the attempt's key. */
export interface ResumableUpload {
  api: YouTubeApi;
  sessions: UploadSessions;
  accessToken: string;
  idempotencyKey: string;
  chunkBytes: number;
}

/** videos.insert with uploadType=resumable: the metadata goes first and YouTube answers with the session URI. */
export async function startUploadSession(
  upload: ResumableUpload,
  resource: object,
  video: PublishMedia,
): Promise<string> {
  const url = `${upload.api.host('upload')}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`;
  const reply = await callNetwork(
    url,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${upload.accessToken}`,
        'content-type': 'application/json; charset=UTF-8',
        'x-upload-content-length': String(video.bytes),
        'x-upload-content-type': video.mimeType,
      },
      body: JSON.stringify(resource),
    },
    classifyYouTubeFailure,
    YOUTUBE_LABEL,
  );
  const location = reply.headers.get('location');
  if (!location) throw retryFailure(`${YOUTUBE_LABEL} opened no upload session (no Location header)`);
  return location;
}

/** Asks the session how many bytes it holds (an empty PUT with `bytes * /total`). */
export async function uploadState(upload: ResumableUpload, sessionUri: string, total: number): Promise<UploadState> {
  const reply = await put(upload, sessionUri, `bytes */${total}`, new Uint8Array(0));
  return stateOf(reply);
}

/** Sends the bytes from `offset` in chunks; returns the video id once YouTube has the whole file. */
export async function sendFrom(
  upload: ResumableUpload,
  sessionUri: string,
  bytes: Buffer,
  offset: number,
): Promise<UploadState> {
  let next = offset;
  const total = bytes.length;
  while (next < total) {
    const end = Math.min(next + upload.chunkBytes, total);
    const reply = await put(upload, sessionUri, `bytes ${next}-${end - 1}/${total}`, bytes.subarray(next, end));
    const state = stateOf(reply);
    if (state.kind !== 'partial') return state;
    if (state.nextByte <= next) throw retryFailure(`${YOUTUBE_LABEL} accepted none of the bytes from ${next}`);
    next = state.nextByte;
    await upload.sessions.progress(upload.idempotencyKey);
  }
  // Every byte is there but the last answer was not the video: ask the session itself.
  return uploadState(upload, sessionUri, total);
}

function put(upload: ResumableUpload, sessionUri: string, range: string, body: Uint8Array): Promise<NetworkReply> {
  return callNetwork(
    sessionUri,
    {
      method: 'PUT',
      headers: { authorization: `Bearer ${upload.accessToken}`, 'content-range': range },
      body: body.length ? new Uint8Array(body) : '',
      // 308 is "Resume Incomplete" here, not a redirect to follow.
      redirect: 'manual',
    },
    classifyYouTubeFailure,
    YOUTUBE_LABEL,
    [308, 404, 410],
  );
}

function stateOf(reply: NetworkReply): UploadState {
  if (reply.status === 404 || reply.status === 410) return { kind: 'expired' };
  if (reply.status === 308) {
    // `Range: bytes=0-524287` is what the session holds; no header means nothing yet.
    const match = /bytes=0-(\d+)/.exec(reply.headers.get('range') ?? '');
    return { kind: 'partial', nextByte: match ? Number(match[1]) + 1 : 0 };
  }
  return { kind: 'done', videoId: requireString(parseReply(reply, YOUTUBE_LABEL), 'id', YOUTUBE_LABEL) };
}
