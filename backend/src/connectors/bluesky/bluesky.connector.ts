import { type AtpAgent, AtUri } from '@atproto/api';
import type {
  AccountCredentials,
  AccountStats,
  Connector,
  NetworkPost,
  PostMetrics,
  PublicAccount,
  PublishedPost,
  PublishRequest,
} from '../connector';
import {
  BLUESKY_IDS_PER_CALL,
  fetchBlueskyAccountStats,
  fetchBlueskyMetrics,
  listBlueskyPosts,
  lookupBlueskyAccount,
} from './bluesky-metrics';
import { type Embed, firstPostEmbed, type LinkCardReader } from './bluesky.embeds';
import { isRecordNotFound, xrpc } from './bluesky.errors';
import { BLUESKY_LIMITS } from './bluesky.limits';
import { blueskyOptions, MAX_THREAD_PARTS } from './bluesky.options';
import { postRecordKey } from './bluesky.rkey';
import { BlueskySessions, parseCredentials } from './bluesky.session';
import { postText, richText } from './bluesky.text';

const POST = 'app.bsky.feed.post';

interface RecordRef {
  uri: string;
  cid: string;
}

interface ReplyRef {
  root: RecordRef;
  parent: RecordRef;
}

/**
 * Publishes to Bluesky through the account's own PDS (AT Protocol, `@atproto/api`) with its app
 * password. Every record's key is derived from the publish job's idempotency key, so an attempt
 * after a crash finds what an earlier one created (getRecord) and creates only what is missing.
 */
export class BlueskyConnector implements Connector {
  readonly network = 'bluesky' as const;
  readonly limits = BLUESKY_LIMITS;
  readonly metricsBatchSize = BLUESKY_IDS_PER_CALL;

  constructor(
    private readonly readCard: LinkCardReader,
    private readonly sessions: BlueskySessions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The first post carries the media or link card; thread parts follow as replies, each under the one before. */
  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const options = blueskyOptions(request.options, request.postType, request.media.length);
    const agent = await this.agent(account);
    const did = account.externalAccountId;
    const rootKey = postRecordKey(request.idempotencyKey, 0);
    const linkInText = request.media.length > 0;
    const root = await this.ensurePost(agent, did, rootKey, async () => ({
      ...(await richText(agent, postText(request.text, request.link, linkInText))),
      embed: await firstPostEmbed(agent, request, options.altTexts, this.readCard),
    }));
    let parent = root;
    for (const [i, text] of options.thread.entries()) {
      const reply: ReplyRef = { root, parent };
      parent = await this.ensurePost(agent, did, threadPartKey(rootKey, i + 1), async () => ({
        ...(await richText(agent, text)),
        reply,
      }));
    }
    return published(root.uri);
  }

  /**
   * The post an interrupted attempt created, found by its derived record key. A thread counts as
   * published only when every part is there; otherwise the retry creates the missing parts.
   */
  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const { thread } = blueskyOptions(request.options, request.postType, request.media.length);
    const agent = await this.agent(account);
    const rootKey = postRecordKey(request.idempotencyKey, 0);
    const root = await this.findPost(agent, account.externalAccountId, rootKey);
    if (!root) return null;
    for (let part = 1; part <= thread.length; part++)
      if (!(await this.findPost(agent, account.externalAccountId, threadPartKey(rootKey, part)))) return null;
    return published(root.uri);
  }

  /** Deletes the thread's replies, then the first post; records already gone count as deleted. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    const agent = await this.agent(account);
    const { host: repo, rkey } = new AtUri(externalId);
    for (let part = 1; part <= MAX_THREAD_PARTS; part++) {
      const key = threadPartKey(rkey, part);
      if (!(await this.findPost(agent, repo, key))) break;
      await this.deletePost(agent, repo, key);
    }
    await this.deletePost(agent, repo, rkey);
  }

  fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return this.agent(account).then((agent) => fetchBlueskyMetrics(agent, externalIds));
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return this.agent(account).then((agent) => fetchBlueskyAccountStats(agent, account.externalAccountId));
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return this.agent(account).then((agent) => listBlueskyPosts(agent, account.externalAccountId, since));
  }

  lookupPublicAccount(account: AccountCredentials, handle: string): Promise<PublicAccount> {
    return this.agent(account).then((agent) => lookupBlueskyAccount(agent, handle));
  }

  private agent(account: AccountCredentials): Promise<AtpAgent> {
    return this.sessions.agent(parseCredentials(account.accessToken));
  }

  /** The record under `rkey`, or a new one built (media uploaded) only when it is not there yet. */
  private async ensurePost(
    agent: AtpAgent,
    repo: string,
    rkey: string,
    build: () => Promise<{ text: string; facets?: unknown[]; embed?: Embed; reply?: ReplyRef }>,
  ): Promise<RecordRef> {
    const existing = await this.findPost(agent, repo, rkey);
    if (existing) return existing;
    const { embed, ...content } = await build();
    const record = { $type: POST, ...content, ...(embed && { embed }), createdAt: this.now().toISOString() };
    const { data } = await xrpc(() => agent.com.atproto.repo.createRecord({ repo, collection: POST, rkey, record }));
    return { uri: data.uri, cid: data.cid };
  }

  private async findPost(agent: AtpAgent, repo: string, rkey: string): Promise<RecordRef | null> {
    try {
      const { data } = await agent.com.atproto.repo.getRecord({ repo, collection: POST, rkey });
      return data.cid ? { uri: data.uri, cid: data.cid } : null;
    } catch (error) {
      if (isRecordNotFound(error)) return null;
      return xrpc(() => Promise.reject(error));
    }
  }

  private async deletePost(agent: AtpAgent, repo: string, rkey: string): Promise<void> {
    await xrpc(() => agent.com.atproto.repo.deleteRecord({ repo, collection: POST, rkey }));
  }
}

/** A thread reply's key follows from its first post's key, so delete finds every part from the post's URI. */
export const threadPartKey = (rootKey: string, part: number): string => postRecordKey(`thread:${rootKey}`, part);

/** Where a person sees the post: bsky.app takes the DID in place of the handle. */
function published(uri: string): PublishedPost {
  const { host, rkey } = new AtUri(uri);
  return { externalId: uri, url: `https://bsky.app/profile/${host}/post/${rkey}` };
}
