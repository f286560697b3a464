import { AccountCredentials, PublishMedia } from '../connector';
import { isObject, readId, readSuccess, stringField } from '../meta-graph/graph-body';
import { GraphClient } from '../meta-graph/graph-client';

/** Reels and video stories go up in three phases: start, hand Meta the file URL, finish. */
export type ResumableEdge = 'video_reels' | 'video_stories';

const readStart = (body: unknown) => {
  const videoId = stringField(body, 'video_id');
  const uploadUrl = stringField(body, 'upload_url');
  return videoId && uploadUrl ? { videoId, uploadUrl } : undefined;
};

/** `{ success: true, post_id? }`: reels answer without a post id, stories with one. */
const readFinish = (body: unknown) =>
  isObject(body) && body.success === true ? { postId: stringField(body, 'post_id') ?? null } : undefined;

export async function uploadVideoByUrl(
  graph: GraphClient,
  account: AccountCredentials,
  edge: ResumableEdge,
  video: PublishMedia,
  description: string,
): Promise<{ videoId: string; postId: string | null }> {
  const path = `/${account.externalAccountId}/${edge}`;
  const token = account.accessToken;
  const { videoId, uploadUrl } = await graph.post(path, token, { upload_phase: 'start' }, readStart);
  // Meta fetches the file itself from `file_url`; no bytes pass through us.
  await graph.postTo(uploadUrl, token, { file_url: video.url }, readSuccess);
  const finish = {
    upload_phase: 'finish',
    video_id: videoId,
    video_state: 'PUBLISHED',
    description: description || undefined,
  };
  const { postId } = await graph.post(
    path,
    token,
    edge === 'video_reels' ? finish : { upload_phase: 'finish', video_id: videoId },
    readFinish,
  );
  return { videoId, postId };
}

/** An unpublished photo: attached to a feed post or a story afterwards. */
export const uploadUnpublishedPhoto = (graph: GraphClient, account: AccountCredentials, photo: PublishMedia) =>
  graph.post(`/${account.externalAccountId}/photos`, account.accessToken, { url: photo.url, published: false }, readId);
