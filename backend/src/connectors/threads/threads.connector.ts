import {
  AccountCredentials,
  AccountStats,
  Connector,
  ConnectorFailure,
  LookupUnavailableError,
  NetworkPost,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { isObject, readId, readList, readSuccess, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphClientOptions, GraphFailure, GraphParams } from '../meta-graph/graph-client';
import { findRecentMatch } from '../meta-graph/recent-match';
import { fetchThreadsAccountStats, fetchThreadsMetrics, listThreadsPosts } from './threads-metrics';
import { threadsGraph, ThreadsEndpoints } from './threads.api';
import {
  ContainerPolling,
  createContainer,
  DEFAULT_CONTAINER_POLLING,
  mediaParams,
  waitUntilFinished,
} from './threads.containers';
import { THREADS_DAILY_POSTS, THREADS_LIMITS } from './threads.limits';
import { replyControlOf } from './threads.options';

export interface ThreadsConnectorOptions extends GraphClientOptions {
  polling?: Partial<ContainerPolling>;
}

/** How far back `findPublished` looks for a thread an interrupted attempt published. */
const LOOKBACK_MS = 24 * 60 * 60_000;

/** The quota as /threads_publishing_limit states it. */
const readQuota = (body: unknown) => {
  const [first] = readList(body) ?? [];
  if (!first || typeof first.quota_usage !== 'number') return undefined;
  const config = isObject(first.config) ? first.config : {};
  const total = typeof config.quota_total === 'number' ? config.quota_total : THREADS_DAILY_POSTS;
  const seconds = typeof config.quota_duration === 'number' ? config.quota_duration : 86_400;
  return { used: first.quota_usage, total, windowMs: seconds * 1000 };
};

/** Publishes to Threads through Meta's Threads API: a media container, then threads_publish. */
export class ThreadsConnector implements Connector {
  readonly network = 'threads' as const;
  readonly limits = THREADS_LIMITS;
  /** Insights are read one thread per call. */
  readonly metricsBatchSize = 1;
  private readonly graph: GraphClient;
  private readonly polling: ContainerPolling;
  private readonly now: () => Date;

  constructor(endpoints: ThreadsEndpoints, options: ThreadsConnectorOptions = {}) {
    this.graph = threadsGraph(endpoints, options);
    this.polling = { ...DEFAULT_CONTAINER_POLLING, ...options.polling };
    this.now = options.now ?? (() => new Date());
  }

  /** The daily quota is checked first: a full quota waits for the window to move on, never a silent drop. */
  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    await this.checkQuota(account);
    const creationId = await this.containerFor(account, request);
    await waitUntilFinished(this.graph, account.accessToken, creationId, this.polling);
    const id = await this.graph.post(
      `/${account.externalAccountId}/threads_publish`,
      account.accessToken,
      { creation_id: creationId },
      readId,
    );
    return { externalId: id, url: await this.permalink(account, id) };
  }

  /** Threads keeps no idempotency key: the newest recent thread with exactly this text is ours. */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const text = threadText(request);
    if (!text) throw new LookupUnavailableError('The post has no text to recognise it by on Threads');
    const since = new Date(this.now().getTime() - LOOKBACK_MS);
    const params = { fields: 'id,text,timestamp,permalink', limit: 25 };
    const items = await this.graph.get(`/${account.externalAccountId}/threads`, account.accessToken, params, readList);
    const match = findRecentMatch(items, { textField: 'text', timeField: 'timestamp', text, since });
    return match ? { externalId: String(match.id), url: stringField(match, 'permalink') ?? null } : null;
  }

  /** A thread that is already gone (Graph code 100) counts as deleted. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    try {
      await this.graph.delete(`/${externalId}`, account.accessToken, readSuccess);
    } catch (error) {
      if (!(error instanceof GraphFailure && error.graph.code === 100)) throw error;
    }
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchThreadsMetrics(this.graph, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchThreadsAccountStats(this.graph, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listThreadsPosts(this.graph, account, since);
  }

  private async checkQuota(account: AccountCredentials): Promise<void> {
    const params = { fields: 'quota_usage,config' };
    const path = `/${account.externalAccountId}/threads_publishing_limit`;
    const quota = await this.graph.get(path, account.accessToken, params, readQuota);
    if (quota.used < quota.total) return;
    throw new ConnectorFailure({
      kind: 'retry',
      afterMs: await this.windowEndMs(account, quota.windowMs),
      reason: `Threads allows ${quota.total} posts in 24 hours and this account has published ${quota.used}`,
    });
  }

  /** The quota frees up as the oldest thread in the rolling window leaves it. */
  private async windowEndMs(account: AccountCredentials, windowMs: number): Promise<number> {
    const now = this.now().getTime();
    const recent = await listThreadsPosts(this.graph, account, new Date(now - windowMs));
    const oldest = Math.min(...recent.map((post) => post.publishedAt.getTime()));
    return Number.isFinite(oldest) ? Math.max(60_000, oldest + windowMs - now) : windowMs;
  }

  private async containerFor(account: AccountCredentials, request: PublishRequest): Promise<string> {
    const { externalAccountId: userId, accessToken: token } = account;
    const common: GraphParams = {
      text: threadText(request) || undefined,
      reply_control: replyControlOf(request.options),
    };
    const [first] = request.media;
    switch (request.postType) {
      case 'photo':
      case 'video':
        return createContainer(this.graph, userId, token, { ...mediaParams(first), ...common });
      case 'carousel': {
        const children = await this.carouselItems(account, request);
        return createContainer(this.graph, userId, token, {
          media_type: 'CAROUSEL',
          children: children.join(','),
          ...common,
        });
      }
      default:
        return createContainer(this.graph, userId, token, {
          media_type: 'TEXT',
          ...common,
          link_attachment: request.link ?? undefined,
        });
    }
  }

  /** Each item is its own container, processed before the carousel is made of them. */
  private async carouselItems(account: AccountCredentials, request: PublishRequest): Promise<string[]> {
    const ids: string[] = [];
    for (const media of request.media) {
      const params = { ...mediaParams(media), is_carousel_item: true };
      const id = await createContainer(this.graph, account.externalAccountId, account.accessToken, params);
      await waitUntilFinished(this.graph, account.accessToken, id, this.polling);
      ids.push(id);
    }
    return ids;
  }

  /** The thread is out already: a failed permalink read must not turn into a failed (and retried) post. */
  private async permalink(account: AccountCredentials, id: string): Promise<string | null> {
    try {
      return await this.graph.get(`/${id}`, account.accessToken, { fields: 'permalink' }, (body) =>
        stringField(body, 'permalink'),
      );
    } catch {
      return null;
    }
  }
}

/**
 * Text posts carry the link as a link attachment (its preview card); media posts cannot, so the link
 * goes at the end of their text. A link post without text shows the link as its text.
 */
export function threadText(request: PublishRequest): string {
  const { text, link } = request;
  const isText = request.postType !== 'photo' && request.postType !== 'video' && request.postType !== 'carousel';
  if (!link || text.includes(link)) return text;
  if (isText) return text || link;
  return text ? `${text}\n\n${link}` : link;
}
