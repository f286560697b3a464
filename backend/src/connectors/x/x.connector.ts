import {
  AccountCredentials,
  Connector,
  NetworkEndpoints,
  AccountStats,
  NetworkPost,
  PostMetrics,
  PublicAccount,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { optionalArray, requireString, valueAt } from '../oauth2/network-http';
import { fetchXAccountStats, fetchXMetrics, listXPosts, lookupXAccount, X_IDS_PER_CALL } from './x-metrics';
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

  constructor(
    endpoints: Pick<NetworkEndpoints, 'apiBaseUrl'>,
    pacing: Partial<XUploadPacing> = {},
    /** The clock deciding which posts are young enough for non-public metrics. */
    private readonly now: () => Date = () => new Date(),
  ) {
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
  readonly metricsBatchSize = X_IDS_PER_CALL;

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return fetchXMetrics(this.api, account, externalIds, this.now());
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return fetchXAccountStats(this.api, account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return listXPosts(this.api, account, since);
  }

  /** Public user lookup: any public account's figures and latest posts. */
  lookupPublicAccount(account: AccountCredentials, handle: string): Promise<PublicAccount> {
    return lookupXAccount(this.api, account, handle);
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
