import {
  AccountCredentials,
  Connector,
  ConnectorFailure,
  LookupUnavailableError,
  NetworkEndpoints,
  NO_METRICS,
  AccountStats,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { isObject, readId, readInsights, readList, readSuccess, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphClientOptions } from '../meta-graph/graph-client';
import { findRecentMatch } from '../meta-graph/recent-match';
import { FACEBOOK_LIMITS } from './facebook.limits';
import { uploadUnpublishedPhoto, uploadVideoByUrl } from './facebook.uploads';

export interface FacebookConnectorOptions extends GraphClientOptions {
  /** How far back `findPublished` looks for a post an interrupted attempt created. */
  lookbackMs?: number;
}

const POST_INSIGHTS = ['post_impressions', 'post_impressions_unique', 'post_clicks'];
const WEB = 'https://www.facebook.com';

/** Facebook Pages through the Graph API; the account's token is a Page access token. */
export class FacebookConnector implements Connector {
  readonly network = 'facebook' as const;
  readonly limits = FACEBOOK_LIMITS;
  private readonly graph: GraphClient;
  private readonly lookbackMs: number;
  private readonly now: () => Date;

  constructor(endpoints: NetworkEndpoints, options: FacebookConnectorOptions = {}) {
    this.graph = new GraphClient(endpoints, options);
    this.lookbackMs = options.lookbackMs ?? 6 * 60 * 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    switch (request.postType) {
      case 'status':
      case 'link':
        return this.publishToFeed(account, request, []);
      case 'photo':
        return request.media.length === 1 ? this.publishPhoto(account, request) : this.publishAlbum(account, request);
      case 'video':
        return this.publishVideo(account, request);
      case 'reel':
        return this.publishReel(account, request);
      case 'story':
        return this.publishStory(account, request);
      default:
        throw new ConnectorFailure({
          kind: 'bad-request',
          reason: `Facebook Pages cannot publish a ${request.postType} post`,
        });
    }
  }

  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.graph.delete(`/${externalId}`, account.accessToken, readSuccess);
  }

  readonly metricsBatchSize = 1;

  async fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    const metrics = new Map<string, PostMetrics>();
    for (const id of externalIds) metrics.set(id, await this.fetchPostMetrics(account, id));
    return metrics;
  }

  fetchAccountStats(): Promise<AccountStats> {
    return Promise.resolve({ followers: null, following: null, posts: null, profileViews: null });
  }

  private async fetchPostMetrics(account: AccountCredentials, externalId: string): Promise<PostMetrics> {
    const token = account.accessToken;
    const insights = await this.graph.get(
      `/${externalId}/insights`,
      token,
      { metric: POST_INSIGHTS.join(',') },
      readInsights,
    );
    const fields = 'shares,comments.summary(true).limit(0),reactions.summary(true).limit(0)';
    const engagement = await this.graph.get(`/${externalId}`, token, { fields }, readEngagement);
    return {
      ...NO_METRICS,
      impressions: insights.get('post_impressions') ?? null,
      reach: insights.get('post_impressions_unique') ?? null,
      clicks: insights.get('post_clicks') ?? null,
      ...engagement,
    };
  }

  /**
   * Graph keeps no idempotency key and we do not stamp one into the visible text, so the
   * interrupted attempt's post is the newest Page post with exactly this message created within
   * `lookbackMs` (PublishRequest does not carry when the attempt started).
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    if (!request.text) throw new LookupUnavailableError('The post has no text to recognise it by on the Page');
    const since = new Date(this.now().getTime() - this.lookbackMs);
    const params = { fields: 'id,message,created_time', since: Math.floor(since.getTime() / 1000), limit: 25 };
    const posts = await this.graph.get(`/${account.externalAccountId}/posts`, account.accessToken, params, readList);
    const match = findRecentMatch(posts, {
      textField: 'message',
      timeField: 'created_time',
      text: request.text,
      since,
    });
    return match ? feedPost(match) : null;
  }

  private async publishToFeed(account: AccountCredentials, request: PublishRequest, photoIds: string[]) {
    const params = {
      message: request.text || undefined,
      link: request.link ?? undefined,
      attached_media: photoIds.length ? photoIds.map((id) => ({ media_fbid: id })) : undefined,
    };
    return feedPost(await this.graph.post(`/${account.externalAccountId}/feed`, account.accessToken, params, readId));
  }

  private async publishPhoto(account: AccountCredentials, request: PublishRequest) {
    const params = { url: request.media[0].url, message: request.text || undefined };
    const read = (body: unknown) => stringField(body, 'post_id');
    return feedPost(await this.graph.post(`/${account.externalAccountId}/photos`, account.accessToken, params, read));
  }

  /** Several photos: upload each unpublished, then one feed post attaching them all. */
  private async publishAlbum(account: AccountCredentials, request: PublishRequest) {
    const photoIds: string[] = [];
    for (const photo of request.media) photoIds.push(await uploadUnpublishedPhoto(this.graph, account, photo));
    return this.publishToFeed(account, request, photoIds);
  }

  private async publishVideo(account: AccountCredentials, request: PublishRequest) {
    const title = typeof request.options.title === 'string' ? request.options.title : undefined;
    const params = { file_url: request.media[0].url, title, description: request.text || undefined };
    const videoId = await this.graph.post(`/${account.externalAccountId}/videos`, account.accessToken, params, readId);
    return { externalId: videoId, url: `${WEB}/${account.externalAccountId}/videos/${videoId}` };
  }

  private async publishReel(account: AccountCredentials, request: PublishRequest) {
    const { videoId } = await uploadVideoByUrl(this.graph, account, 'video_reels', request.media[0], request.text);
    return { externalId: videoId, url: `${WEB}/reel/${videoId}` };
  }

  private async publishStory(account: AccountCredentials, request: PublishRequest) {
    const [media] = request.media;
    if (media.kind === 'video') {
      const { videoId, postId } = await uploadVideoByUrl(this.graph, account, 'video_stories', media, '');
      return { externalId: postId ?? videoId, url: null };
    }
    const photoId = await uploadUnpublishedPhoto(this.graph, account, media);
    const read = (body: unknown) => (readSuccess(body) ? stringField(body, 'post_id') : undefined);
    const postId = await this.graph.post(
      `/${account.externalAccountId}/photo_stories`,
      account.accessToken,
      { photo_id: photoId },
      read,
    );
    return { externalId: postId, url: null };
  }
}

/** Feed post ids are `{page-id}_{post-id}`; the public address is built from both halves. */
function feedPost(input: string | Record<string, unknown>): PublishedPost {
  const id = typeof input === 'string' ? input : String(input.id);
  const [pageId, postId] = id.split('_');
  return { externalId: id, url: postId ? `${WEB}/${pageId}/posts/${postId}` : `${WEB}/${id}` };
}

const summaryCount = (value: unknown): number => {
  const summary = isObject(value) && isObject(value.summary) ? value.summary.total_count : undefined;
  return typeof summary === 'number' ? summary : 0;
};

/** `shares` is absent until someone shares; reactions (all kinds) count as likes. */
function readEngagement(body: unknown): Pick<PostMetrics, 'reactions' | 'comments' | 'shares'> | undefined {
  if (!isObject(body)) return undefined;
  const shares = isObject(body.shares) && typeof body.shares.count === 'number' ? body.shares.count : 0;
  return { reactions: summaryCount(body.reactions), comments: summaryCount(body.comments), shares };
}
