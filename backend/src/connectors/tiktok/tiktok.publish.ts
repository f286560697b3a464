import type { PublishMedia, PublishRequest } from '../connector';
import { optionalArray, requireString, valueAt } from '../oauth2/network-http';
import { TIKTOK_LABEL, TikTokApi } from './tiktok.api';
import { CreatorInfo, TikTokOptions } from './tiktok.options';

/** TikTok's chunk rules: 5–64 MB a chunk, a file under 5 MB in one, the last chunk takes the rest (up to 128 MB). */
export const TIKTOK_CHUNK_BYTES = 10 * 1024 * 1024;

export interface StartedPublish {
  publishId: string;
  /** Where FILE_UPLOAD sends the bytes; absent for PULL_FROM_URL. */
  uploadUrl: string | null;
}

/** Where a publish stands (status/fetch). */
export interface PublishStatus {
  status: 'PROCESSING_UPLOAD' | 'PROCESSING_DOWNLOAD' | 'SEND_TO_USER_INBOX' | 'PUBLISH_COMPLETE' | 'FAILED' | string;
  failReason: string | null;
  postId: string | null;
  uploadedBytes: number | null;
}

const bool = (body: unknown, path: string) => valueAt(body, path) === true;

export async function creatorInfo(api: TikTokApi, token: string): Promise<CreatorInfo> {
  const data = await api.json(token, 'POST', '/v2/post/publish/creator_info/query/', {});
  const max = valueAt(data, 'max_video_post_duration_sec');
  return {
    privacyLevelOptions: optionalArray(data, 'privacy_level_options', TIKTOK_LABEL).map(String),
    maxVideoPostDurationSec: typeof max === 'number' ? max : null,
    commentDisabled: bool(data, 'comment_disabled'),
    duetDisabled: bool(data, 'duet_disabled'),
    stitchDisabled: bool(data, 'stitch_disabled'),
  };
}

/** Chunk plan for a FILE_UPLOAD of `size` bytes. */
export function chunkPlan(size: number, chunkBytes: number): { chunkSize: number; count: number } {
  if (size <= chunkBytes) return { chunkSize: size, count: 1 };
  return { chunkSize: chunkBytes, count: Math.floor(size / chunkBytes) };
}

/** Direct post (video/init) or the creator's inbox (inbox/video/init), uploading the file in chunks. */
export async function initVideo(
  api: TikTokApi,
  token: string,
  request: PublishRequest,
  options: TikTokOptions,
  video: PublishMedia,
  chunkBytes: number,
): Promise<StartedPublish> {
  const { chunkSize, count } = chunkPlan(video.bytes, chunkBytes);
  const source_info = {
    source: 'FILE_UPLOAD',
    video_size: video.bytes,
    chunk_size: chunkSize,
    total_chunk_count: count,
  };
  const data =
    options.mode === 'inbox'
      ? await api.json(token, 'POST', '/v2/post/publish/inbox/video/init/', { source_info })
      : await api.json(token, 'POST', '/v2/post/publish/video/init/', {
          post_info: {
            title: request.text,
            privacy_level: options.privacy,
            disable_comment: !options.allowComments,
            disable_duet: !options.allowDuet,
            disable_stitch: !options.allowStitch,
          },
          source_info,
        });
  return {
    publishId: requireString(data, 'publish_id', TIKTOK_LABEL),
    uploadUrl: requireString(data, 'upload_url', TIKTOK_LABEL),
  };
}

/** Photo posts: TikTok pulls the images from their URLs (content/init, media_type PHOTO). */
export async function initPhotos(
  api: TikTokApi,
  token: string,
  request: PublishRequest,
  options: TikTokOptions,
): Promise<StartedPublish> {
  const data = await api.json(token, 'POST', '/v2/post/publish/content/init/', {
    post_info: {
      title: options.title,
      description: request.text,
      ...(options.mode === 'direct' && { privacy_level: options.privacy, disable_comment: !options.allowComments }),
      auto_add_music: true,
    },
    source_info: {
      source: 'PULL_FROM_URL',
      photo_cover_index: 0,
      photo_images: request.media.map((m) => m.url),
    },
    post_mode: options.mode === 'inbox' ? 'MEDIA_UPLOAD' : 'DIRECT_POST',
    media_type: 'PHOTO',
  });
  return { publishId: requireString(data, 'publish_id', TIKTOK_LABEL), uploadUrl: null };
}

/** Sends the file in the chunks init announced, the last one taking the remainder. */
export async function uploadChunks(
  api: TikTokApi,
  uploadUrl: string,
  video: PublishMedia,
  chunkBytes: number,
  onChunk: () => Promise<void>,
): Promise<void> {
  const bytes = await video.read();
  const { chunkSize, count } = chunkPlan(bytes.length, chunkBytes);
  for (let i = 0; i < count; i++) {
    const first = i * chunkSize;
    const last = i === count - 1 ? bytes.length - 1 : first + chunkSize - 1;
    await api.upload(
      uploadUrl,
      video.mimeType,
      bytes.subarray(first, last + 1),
      `bytes ${first}-${last}/${bytes.length}`,
    );
    await onChunk();
  }
}

export async function publishStatus(api: TikTokApi, token: string, publishId: string): Promise<PublishStatus> {
  const data = await api.json(token, 'POST', '/v2/post/publish/status/fetch/', { publish_id: publishId });
  // TikTok spells it "publicaly"; the ids are there once a public post is live.
  const ids = optionalArray(data, 'publicaly_available_post_id', TIKTOK_LABEL);
  const uploaded = valueAt(data, 'uploaded_bytes');
  const reason = valueAt(data, 'fail_reason');
  return {
    status: requireString(data, 'status', TIKTOK_LABEL),
    failReason: typeof reason === 'string' && reason ? reason : null,
    postId: ids.length ? String(ids[0]) : null,
    uploadedBytes: typeof uploaded === 'number' ? uploaded : null,
  };
}
