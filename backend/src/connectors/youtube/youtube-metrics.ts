import { DateTime } from 'luxon';
import {
  AccountCredentials,
  AccountStats,
  ConnectorFailure,
  MetricsUnavailableError,
  NetworkPost,
  NO_METRICS,
  PostMetrics,
} from '../connector';
import { YouTubeApi } from './youtube.api';
import { YOUTUBE_COSTS, YouTubeQuota } from './youtube.quota';

/** videos.list takes up to 50 ids a call. */
export const YOUTUBE_VIDEOS_PER_CALL = 50;

const count = (value: string | null | undefined): number | null =>
  value === undefined || value === null || value === '' ? null : Number(value);

/** A missing scope reads as "metrics unavailable", which the account page explains. */
function unavailableIfPermission(error: unknown): never {
  if (
    error instanceof ConnectorFailure &&
    error.failure.kind === 'reauth' &&
    /insufficientPermissions|scope/i.test(error.message)
  )
    throw new MetricsUnavailableError('YouTube: reconnect the channel and allow reading its videos to see metrics');
  throw error;
}

/** Views, likes and comments from videos.list; impressions and shares from YouTube Analytics where it answers. */
export async function fetchYouTubeMetrics(
  api: YouTubeApi,
  quota: YouTubeQuota,
  account: AccountCredentials,
  ids: string[],
): Promise<Map<string, PostMetrics>> {
  await quota.spend(account.externalAccountId, YOUTUBE_COSTS.read, 'reading video statistics');
  const data = await api
    .call(() =>
      api.data(account.accessToken).videos.list({ part: ['statistics'], id: ids, maxResults: YOUTUBE_VIDEOS_PER_CALL }),
    )
    .catch(unavailableIfPermission);
  const analytics = await analyticsFigures(api, account, ids);
  const metrics = new Map<string, PostMetrics>();
  for (const video of data.items ?? []) {
    if (!video.id) continue;
    const stats = video.statistics ?? {};
    const extra = analytics.get(video.id);
    metrics.set(video.id, {
      ...NO_METRICS,
      videoViews: count(stats.viewCount),
      reactions: count(stats.likeCount),
      comments: count(stats.commentCount),
      impressions: extra?.impressions ?? null,
      shares: extra?.shares ?? null,
    });
  }
  return metrics;
}

/**
 * Thumbnail impressions and shares per video from YouTube Analytics (yt-analytics.readonly). A
 * token without that scope, or any refusal there, leaves them null: the Data API figures stand.
 */
async function analyticsFigures(
  api: YouTubeApi,
  account: AccountCredentials,
  ids: string[],
): Promise<Map<string, { impressions: number | null; shares: number | null }>> {
  const figures = new Map<string, { impressions: number | null; shares: number | null }>();
  try {
    const report = await api.call(() =>
      api.analytics(account.accessToken).reports.query({
        ids: 'channel==MINE',
        startDate: '2005-04-23',
        endDate: DateTime.utc().toISODate()!,
        metrics: 'videoThumbnailImpressions,shares',
        dimensions: 'video',
        filters: `video==${ids.join(',')}`,
      }),
    );
    for (const row of report.rows ?? []) {
      const [id, impressions, shares] = row as [string, number | null, number | null];
      figures.set(id, { impressions: impressions ?? null, shares: shares ?? null });
    }
  } catch (error) {
    if (!(error instanceof ConnectorFailure)) throw error;
  }
  return figures;
}

/** Subscribers and videos from channels.list; YouTube has no "following" or profile views to read. */
export async function fetchYouTubeAccountStats(
  api: YouTubeApi,
  quota: YouTubeQuota,
  account: AccountCredentials,
): Promise<AccountStats> {
  await quota.spend(account.externalAccountId, YOUTUBE_COSTS.read, 'reading channel statistics');
  const data = await api
    .call(() => api.data(account.accessToken).channels.list({ part: ['statistics'], id: [account.externalAccountId] }))
    .catch(unavailableIfPermission);
  const stats = data.items?.[0]?.statistics;
  if (!stats) throw new ConnectorFailure({ kind: 'disconnect', reason: 'YouTube no longer has this channel' });
  return {
    followers: stats.hiddenSubscriberCount ? null : count(stats.subscriberCount),
    following: null,
    posts: count(stats.videoCount),
    profileViews: null,
  };
}

/** The channel's uploads playlist, newest first, back to `since`. */
export async function listYouTubeUploads(
  api: YouTubeApi,
  quota: YouTubeQuota,
  account: AccountCredentials,
  since: Date,
  limit = 200,
): Promise<NetworkPost[]> {
  const client = api.data(account.accessToken);
  await quota.spend(account.externalAccountId, YOUTUBE_COSTS.read, 'finding the uploads playlist');
  const channel = await api.call(() =>
    client.channels.list({ part: ['contentDetails'], id: [account.externalAccountId] }),
  );
  const playlistId = channel.items?.[0]?.contentDetails?.relatedPlaylists?.uploads;
  if (!playlistId) return [];
  const posts: NetworkPost[] = [];
  let pageToken: string | undefined;
  do {
    await quota.spend(account.externalAccountId, YOUTUBE_COSTS.read, 'listing uploads');
    const page = await api.call(() =>
      client.playlistItems.list({ part: ['snippet', 'contentDetails'], playlistId, maxResults: 50, pageToken }),
    );
    for (const item of page.items ?? []) {
      const id = item.contentDetails?.videoId;
      const at = item.contentDetails?.videoPublishedAt ?? item.snippet?.publishedAt;
      if (!id || !at) continue;
      if (new Date(at) < since) return posts;
      posts.push({
        externalId: id,
        url: `https://www.youtube.com/watch?v=${id}`,
        text: item.snippet?.title ?? '',
        publishedAt: new Date(at),
        postType: 'video',
        mediaKind: 'video',
      });
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken && posts.length < limit);
  return posts;
}
