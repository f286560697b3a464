import {
  AccountCredentials,
  AccountStats,
  Connector,
  LookupUnavailableError,
  NetworkEndpoints,
  NetworkPost,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { requireString, valueAt } from '../oauth2/network-http';
import {
  fetchGoogleBusinessMetrics,
  fetchGoogleBusinessStats,
  GOOGLE_BUSINESS_POSTS_PER_CALL,
  listLocalPosts,
  networkPost,
} from './google-business-metrics';
import { GOOGLE_BUSINESS_LABEL, GoogleBusinessApi } from './google-business.api';
import { localPostBody } from './google-business.content';
import { GOOGLE_BUSINESS_LIMITS } from './google-business.limits';
import { localPostOptions } from './google-business.options';

export interface GoogleBusinessConnectorOptions {
  /** How far back `findPublished` looks for a post an interrupted attempt created. */
  lookbackMs?: number;
  now?: () => Date;
}

/**
 * Local posts of one Business Profile location (API v4). The account's externalAccountId is
 * `accounts/{a}/locations/{l}`; a post's externalId is its full resource name.
 */
export class GoogleBusinessConnector implements Connector {
  readonly network = 'google-business' as const;
  readonly limits = GOOGLE_BUSINESS_LIMITS;
  readonly metricsBatchSize = GOOGLE_BUSINESS_POSTS_PER_CALL;
  private readonly api: GoogleBusinessApi;
  private readonly lookbackMs: number;
  private readonly now: () => Date;

  constructor(endpoints: Pick<NetworkEndpoints, 'apiBaseUrl'>, options: GoogleBusinessConnectorOptions = {}) {
    this.api = new GoogleBusinessApi(endpoints.apiBaseUrl);
    this.lookbackMs = options.lookbackMs ?? 6 * 60 * 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const body = localPostBody(request, localPostOptions(request.postType, request.options));
    const post = await this.api.json(
      account.accessToken,
      'mybusiness',
      'POST',
      `/v4/${account.externalAccountId}/localPosts`,
      body,
    );
    return published(post);
  }

  /**
   * Google keeps no idempotency key for local posts: an interrupted attempt's post is found among
   * the location's newest by its summary, topic and event title, created within the lookback.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const expected = localPostBody(request, localPostOptions(request.postType, request.options));
    if (!expected.summary && !valueAt(expected, 'event.title'))
      throw new LookupUnavailableError('The post has no text or event title to recognise it by');
    const since = this.now().getTime() - this.lookbackMs;
    const match = (await listLocalPosts(this.api, account, 1)).find(
      (post) =>
        Date.parse(String(valueAt(post, 'createTime'))) >= since &&
        (valueAt(post, 'summary') ?? '') === (expected.summary ?? '') &&
        valueAt(post, 'topicType') === expected.topicType &&
        valueAt(post, 'event.title') === valueAt(expected, 'event.title'),
    );
    return match ? published(match) : null;
  }

  /** Deleting a post that is already gone (404) counts as done. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.api.send(account.accessToken, 'mybusiness', 'DELETE', `/v4/${externalId}`, [404]);
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchGoogleBusinessMetrics(this.api, account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchGoogleBusinessStats(this.api, account, this.now());
  }

  async listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return (await listLocalPosts(this.api, account))
      .map(networkPost)
      .filter((post): post is NetworkPost => post !== null && post.publishedAt >= since)
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  }
}

function published(post: unknown): PublishedPost {
  const url = valueAt(post, 'searchUrl');
  return {
    externalId: requireString(post, 'name', GOOGLE_BUSINESS_LABEL),
    url: typeof url === 'string' && url ? url : null,
  };
}
