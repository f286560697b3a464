import {
  AccountCredentials,
  Connector,
  ConnectorFailure,
  NetworkEndpoints,
  AccountStats,
  NO_METRICS,
  PostMetrics,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { optionalArray, optionalCount, requireString, valueAt } from '../oauth2/network-http';
import { X_LABEL, XApi } from './x.api';
import { X_LIMITS } from './x.limits';
import { DEFAULT_X_UPLOAD_PACING, uploadXMedia, XUploadPacing } from './x.media-upload';
import { comparableText, pollOption, threadParts, tweetText, XPoll } from './x.options';

interface TweetBody {
  text: string;
  media?: { media_ids: string[] };
  poll?: XPoll;
  reply?: { in_reply_to_tweet_id: string };
}

/** How many recent posts `findPublished` reads; an interrupted attempt is minutes old at most. */
const RECENT_POSTS = 20;

/** Publishes through X API v2 with the account's OAuth 2 user token. */
export class XConnector implements Connector {
  readonly network = 'x' as const;
  readonly limits = X_LIMITS;
  private readonly api: XApi;
  private readonly pacing: XUploadPacing;

  constructor(endpoints: Pick<NetworkEndpoints, 'apiBaseUrl'>, pacing: Partial<XUploadPacing> = {}) {
    this.api = new XApi(endpoints.apiBaseUrl);
    this.pacing = { ...DEFAULT_X_UPLOAD_PACING, ...pacing };
  }

  /** The first post carries media and poll; thread parts follow as a reply chain under it. */
  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const parts = threadParts(request.options);
    const first: TweetBody = { text: tweetText(request.text, request.link) };
    const poll = pollOption(request.options);
    if (poll) first.poll = poll;
    if (request.media.length > 0) first.media = { media_ids: await this.upload(account, request) };
    const firstId = await this.postTweet(account, first);
    let previousId = firstId;
    for (const text of parts) {
      previousId = await this.postTweet(account, { text, reply: { in_reply_to_tweet_id: previousId } });
    }
    return published(firstId);
  }

  /** X takes no idempotency key, so the account's recent posts are matched on their text. */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const path = `/2/users/${encodeURIComponent(account.externalAccountId)}/tweets?max_results=${RECENT_POSTS}&exclude=replies,retweets`;
    const body = await this.api.json(account.accessToken, 'GET', path);
    const wanted = comparableText(tweetText(request.text, request.link));
    const match = optionalArray(body, 'data', X_LABEL).find(
      (tweet) =>
        typeof valueAt(tweet, 'text') === 'string' && comparableText(valueAt(tweet, 'text') as string) === wanted,
    );
    return match ? published(requireString(match, 'id', X_LABEL)) : null;
  }

  /** Deleting a post that is already gone (404) counts as done. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.api.send(account.accessToken, 'DELETE', `/2/tweets/${encodeURIComponent(externalId)}`, undefined, [404]);
  }

  /** Public metrics only: X reports no reach, and link clicks need the owner's non-public metrics. */
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
    const path = `/2/tweets/${encodeURIComponent(externalId)}?tweet.fields=public_metrics`;
    const body = await this.api.json(account.accessToken, 'GET', path);
    if (valueAt(body, 'data') === undefined && valueAt(body, 'errors') !== undefined) {
      // X answers 200 with `errors` for a post that was deleted or is not visible.
      throw new ConnectorFailure({ kind: 'bad-request', reason: `X has no post ${externalId} to read metrics of` });
    }
    const metric = (name: string) => optionalCount(body, `data.public_metrics.${name}`);
    requireString(body, 'data.id', X_LABEL);
    return {
      ...NO_METRICS,
      impressions: metric('impression_count'),
      reactions: metric('like_count'),
      comments: metric('reply_count'),
      shares: metric('retweet_count') + metric('quote_count'),
    };
  }

  private async upload(account: AccountCredentials, request: PublishRequest): Promise<string[]> {
    const ids: string[] = [];
    for (const media of request.media) ids.push(await uploadXMedia(this.api, account.accessToken, media, this.pacing));
    return ids;
  }

  private async postTweet(account: AccountCredentials, tweet: TweetBody): Promise<string> {
    const body = await this.api.json(account.accessToken, 'POST', '/2/tweets', tweet);
    return requireString(body, 'data.id', X_LABEL);
  }
}

function published(id: string): PublishedPost {
  return { externalId: id, url: `https://x.com/i/web/status/${id}` };
}
