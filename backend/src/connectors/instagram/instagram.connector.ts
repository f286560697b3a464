import {
  AccountCredentials,
  Connector,
  ConnectorFailure,
  LookupUnavailableError,
  NetworkEndpoints,
  AccountStats,
  NetworkPost,
  PostMetrics,
  PublicAccount,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { readId, readList, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphClientOptions, GraphParams } from '../meta-graph/graph-client';
import { GRAPH_IDS_PER_CALL } from '../meta-graph/graph-insights';
import { findRecentMatch } from '../meta-graph/recent-match';
import { lookupInstagramAccount } from './instagram-discovery';
import { fetchInstagramAccountStats, fetchInstagramMetrics, listInstagramPosts } from './instagram-metrics';
import { ContainerPolling, createContainer, mediaParams, waitUntilFinished } from './instagram.containers';
import { INSTAGRAM_LIMITS } from './instagram.limits';

export interface InstagramConnectorOptions extends GraphClientOptions {
  polling?: Partial<ContainerPolling>;
  /** How far back `findPublished` looks for media an interrupted attempt created. */
  lookbackMs?: number;
}

/** Instagram professional accounts through the Graph API (Facebook Login): create a container, wait, publish. */
export class InstagramConnector implements Connector {
  readonly network = 'instagram' as const;
  readonly limits = INSTAGRAM_LIMITS;
  private readonly graph: GraphClient;
  private readonly polling: ContainerPolling;
  private readonly lookbackMs: number;
  private readonly now: () => Date;

  constructor(endpoints: NetworkEndpoints, options: InstagramConnectorOptions = {}) {
    this.graph = new GraphClient(endpoints, options);
    this.polling = { intervalMs: 5_000, maxChecks: 60, ...options.polling };
    this.lookbackMs = options.lookbackMs ?? 6 * 60 * 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const containerId = await this.containerFor(account, request);
    await waitUntilFinished(this.graph, account.accessToken, containerId, this.polling);
    const path = `/${account.externalAccountId}/media_publish`;
    const mediaId = await this.graph.post(path, account.accessToken, { creation_id: containerId }, readId);
    return { externalId: mediaId, url: await this.permalink(account, mediaId) };
  }

  delete(): Promise<void> {
    return Promise.reject(
      new ConnectorFailure({
        kind: 'bad-request',
        reason: 'Instagram does not let apps delete published media; delete it in the Instagram app',
      }),
    );
  }

  /** Graph reads several media in one `?ids=` call. */
  readonly metricsBatchSize = GRAPH_IDS_PER_CALL;

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchInstagramMetrics(this.graph, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchInstagramAccountStats(this.graph, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listInstagramPosts(this.graph, account, since);
  }

  /** Business discovery: public figures of other professional accounts. */
  lookupPublicAccount(account: AccountCredentials, handle: string): Promise<PublicAccount> {
    return lookupInstagramAccount(this.graph, account, handle);
  }

  /** Graph keeps no idempotency key: the newest recent media with exactly this caption is ours. */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    if (!request.text) throw new LookupUnavailableError('The post has no caption to recognise it by on Instagram');
    const since = new Date(this.now().getTime() - this.lookbackMs);
    const params = { fields: 'id,caption,timestamp,permalink', limit: 25 };
    const media = await this.graph.get(`/${account.externalAccountId}/media`, account.accessToken, params, readList);
    const match = findRecentMatch(media, { textField: 'caption', timeField: 'timestamp', text: request.text, since });
    return match ? { externalId: String(match.id), url: stringField(match, 'permalink') ?? null } : null;
  }

  private containerFor(account: AccountCredentials, request: PublishRequest): Promise<string> {
    const caption = request.text || undefined;
    const [first] = request.media;
    switch (request.postType) {
      case 'photo':
        return createContainer(this.graph, account, { image_url: first.url, caption });
      case 'reel':
        return createContainer(this.graph, account, { media_type: 'REELS', video_url: first.url, caption });
      case 'story':
        return createContainer(this.graph, account, { ...mediaParams(first), media_type: 'STORIES' });
      case 'carousel':
        return this.carouselContainer(account, request, caption);
      default:
        throw new ConnectorFailure({
          kind: 'bad-request',
          reason: `Instagram cannot publish a ${request.postType} post`,
        });
    }
  }

  /** Each item becomes a finished child container; the parent lists them in order. */
  private async carouselContainer(account: AccountCredentials, request: PublishRequest, caption: string | undefined) {
    const children: string[] = [];
    for (const item of request.media) {
      const child: GraphParams = { ...mediaParams(item), is_carousel_item: true };
      const childId = await createContainer(this.graph, account, child);
      await waitUntilFinished(this.graph, account.accessToken, childId, this.polling);
      children.push(childId);
    }
    return createContainer(this.graph, account, { media_type: 'CAROUSEL', children: children.join(','), caption });
  }

  /** Best effort: the media is already live, so failing to read its address must not fail the publish. */
  private async permalink(account: AccountCredentials, mediaId: string): Promise<string | null> {
    const read = (body: unknown) => stringField(body, 'permalink');
    return this.graph.get(`/${mediaId}`, account.accessToken, { fields: 'permalink' }, read).catch(() => null);
  }
}
