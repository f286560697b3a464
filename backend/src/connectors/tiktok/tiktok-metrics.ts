import {
  AccountCredentials,
  AccountStats,
  ConnectorFailure,
  MetricsUnavailableError,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
} from '../connector';
import { optionalArray, valueAt } from '../oauth2/network-http';
import { TIKTOK_LABEL, TikTokApi } from './tiktok.api';

/** /v2/video/query/ takes up to 20 ids. */
export const TIKTOK_VIDEOS_PER_CALL = 20;

const count = (body: unknown, path: string): number | null => {
  const value = valueAt(body, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** A missing scope (video.list, user.info.stats) means metrics cannot be read until the creator allows it. */
function unavailableIfScope(error: unknown, scope: string): never {
  if (error instanceof ConnectorFailure && /scope_not_authorized/.test(error.message))
    throw new MetricsUnavailableError(`TikTok: reconnect and allow ${scope} to read metrics`);
  throw error;
}

/** Views, likes, comments and shares of the creator's own videos. */
export async function fetchTikTokMetrics(
  api: TikTokApi,
  account: AccountCredentials,
  ids: string[],
): Promise<Map<string, PostMetrics>> {
  const data = await api
    .json(account.accessToken, 'POST', '/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count', {
      filters: { video_ids: ids },
    })
    .catch((error: unknown) => unavailableIfScope(error, 'video.list'));
  const metrics = new Map<string, PostMetrics>();
  for (const video of optionalArray(data, 'videos', TIKTOK_LABEL)) {
    const id = valueAt(video, 'id');
    if (typeof id !== 'string') continue;
    metrics.set(id, {
      ...NO_METRICS,
      videoViews: count(video, 'view_count'),
      reactions: count(video, 'like_count'),
      comments: count(video, 'comment_count'),
      shares: count(video, 'share_count'),
    });
  }
  return metrics;
}

export async function fetchTikTokAccountStats(api: TikTokApi, account: AccountCredentials): Promise<AccountStats> {
  const data = await api
    .json(
      account.accessToken,
      'GET',
      '/v2/user/info/?fields=open_id,follower_count,following_count,likes_count,video_count',
    )
    .catch((error: unknown) => unavailableIfScope(error, 'user.info.stats'));
  return {
    followers: count(data, 'user.follower_count'),
    following: count(data, 'user.following_count'),
    posts: count(data, 'user.video_count'),
    profileViews: null,
  };
}

/** The creator's videos, newest first, back to `since` (video/list pages of 20). */
export async function listTikTokVideos(
  api: TikTokApi,
  account: AccountCredentials,
  since: Date,
  maxPages = 10,
): Promise<NetworkPost[]> {
  const posts: NetworkPost[] = [];
  let cursor: number | undefined;
  for (let page = 0; page < maxPages; page++) {
    const data = await api.json(
      account.accessToken,
      'POST',
      '/v2/video/list/?fields=id,title,video_description,create_time,share_url',
      { max_count: 20, ...(cursor !== undefined && { cursor }) },
    );
    for (const video of optionalArray(data, 'videos', TIKTOK_LABEL)) {
      const created = count(video, 'create_time');
      const id = valueAt(video, 'id');
      if (typeof id !== 'string' || created === null) continue;
      const at = new Date(created * 1000);
      if (at < since) return posts;
      const text = valueAt(video, 'video_description') ?? valueAt(video, 'title');
      const url = valueAt(video, 'share_url');
      posts.push({
        externalId: id,
        url: typeof url === 'string' ? url : null,
        text: typeof text === 'string' ? text : '',
        publishedAt: at,
        postType: 'video',
        mediaKind: 'video',
      });
    }
    if (valueAt(data, 'has_more') !== true) break;
    cursor = count(data, 'cursor') ?? undefined;
  }
  return posts;
}
