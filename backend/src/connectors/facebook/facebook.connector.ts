import {
  AccountCredentials,
  Connector,
  ConnectorFailure,
  LookupUnavailableError,
  NetworkEndpoints,
  NetworkPost,
  AccountStats,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { readId, readList, readSuccess, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphClientOptions } from '../meta-graph/graph-client';
import { GRAPH_IDS_PER_CALL } from '../meta-graph/graph-insights';
import { findRecentMatch } from '../meta-graph/recent-match';
import { fetchFacebookMetrics, fetchFacebookPageStats, listFacebookPosts } from './facebook-metrics';
import { FACEBOOK_LIMITS } from './facebook.limits';
import { uploadUnpublishedPhoto, uploadVideoByUrl } from './facebook.uploads';

export interface FacebookConnectorOptions extends GraphClientOptions {
  /** How far back `findPublished` looks for a post an interrupted attempt created. */
  lookbackMs?: number;
}

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

  /** Graph reads several posts in one `?ids=` call. */
  readonly metricsBatchSize = GRAPH_IDS_PER_CALL;

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchFacebookMetrics(this.graph, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchFacebookPageStats(this.graph, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listFacebookPosts(this.graph, account, since);
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
