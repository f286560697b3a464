import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, IsNull, QueryFailedError, Repository } from 'typeorm';
import { AccountSettings, SocialAccount } from '../../accounts/social-account.entity';
import { newId } from '../../common/ids';
import {
  AccountCredentials,
  Connector,
  ConnectorFailure,
  LookupUnavailableError,
  AccountStats,
  NetworkPost,
  PostMetrics,
  PublicAccount,
  PublishedPost,
  PublishRequest,
} from '../connector';
import { classifyHttpFailure } from '../failure-classification';
import { SANDBOX_LIMITS } from './sandbox.limits';
import { DIRECT_POST_KEY, SANDBOX_METRICS_BATCH, SandboxAnalytics } from './sandbox-analytics';
import { SandboxPost, SandboxPostOptions } from './sandbox-post.entity';

/** What someone posts directly in the Sandbox app. */
export interface SandboxDirectPost {
  text: string;
  mediaKind?: 'image' | 'video' | null;
  publishedAt?: Date;
}

/**
 * The demo network. It keeps what it "published" in its own table, apart from our posts, and acts
 * like a real API: idempotent on the request's key, optional latency *after* accepting a post (so
 * a crash between the network call and our write can be shown), and failures on demand.
 */
export class SandboxConnector implements Connector {
  readonly network = 'sandbox' as const;
  readonly limits = SANDBOX_LIMITS;
  readonly metricsBatchSize = SANDBOX_METRICS_BATCH;
  private readonly analytics: SandboxAnalytics;
  private readonly posts: Repository<SandboxPost>;
  private readonly accounts: Repository<SocialAccount>;

  constructor(dataSource: DataSource) {
    this.posts = dataSource.getRepository(SandboxPost);
    this.accounts = dataSource.getRepository(SocialAccount);
    this.analytics = new SandboxAnalytics(dataSource);
  }

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const settings = (account.settings as AccountSettings | undefined) ?? (await this.settings(account));
    await this.failIfAsked(account, settings);
    const post = await this.store(account, request);
    if (settings.latencyMs) await sleep(settings.latencyMs);
    return { externalId: post.id, url: null };
  }

  async findPublished(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost | null> {
    const settings = await this.settings(account);
    if (settings.lookup === false) {
      throw new LookupUnavailableError('this Sandbox account simulates a network without lookup');
    }
    const found = await this.posts.findOneBy({
      accountExternalId: account.externalAccountId,
      idempotencyKey: request.idempotencyKey,
    });
    return found ? { externalId: found.id, url: null } : null;
  }

  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    await this.posts.update(
      { id: externalId, accountExternalId: account.externalAccountId, deletedAt: IsNull() },
      { deletedAt: new Date() },
    );
  }

  async fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return this.analytics.fetchMetrics(account, externalIds);
  }

  fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    return this.analytics.fetchAccountStats(account);
  }

  listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    return this.analytics.listPosts(account, since);
  }

  lookupPublicAccount(account: AccountCredentials, handle: string): Promise<PublicAccount> {
    return this.analytics.lookupPublicAccount(account, handle);
  }

  /** Metrics as the Sandbox app shows them on its timeline (insights permission or not). */
  timelineMetrics(externalAccountId: string, posts: SandboxPost[]): Promise<Map<string, PostMetrics>> {
    return this.analytics.timelineMetrics(externalAccountId, posts);
  }

  /**
   * A post made directly in the Sandbox app (not published through us), at `publishedAt` — past
   * moments let demo history include posts the account made elsewhere.
   */
  async postDirectly(externalAccountId: string, post: SandboxDirectPost): Promise<SandboxPost> {
    const id = newId();
    const row = this.posts.create({
      id,
      accountExternalId: externalAccountId,
      idempotencyKey: `${DIRECT_POST_KEY}${id}`,
      postType: post.mediaKind === 'video' ? 'video' : post.mediaKind === 'image' ? 'photo' : 'status',
      text: post.text,
      link: null,
      media: post.mediaKind ? [{ id: newId(), kind: post.mediaKind, url: '' }] : [],
      options: null,
      deletedAt: null,
      createdAt: post.publishedAt ?? new Date(),
    });
    await this.posts.insert(row);
    return row;
  }

  /** The account's timeline, newest first. */
  timeline(externalAccountId: string, limit = 50): Promise<SandboxPost[]> {
    return this.posts.find({
      where: { accountExternalId: externalAccountId, deletedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  private async store(account: AccountCredentials, request: PublishRequest): Promise<SandboxPost> {
    const post = this.posts.create({
      id: newId(),
      accountExternalId: account.externalAccountId,
      idempotencyKey: request.idempotencyKey,
      postType: request.postType,
      text: request.text,
      link: request.link,
      media: request.media.map((m) => ({ id: m.id, kind: m.kind, url: m.url })),
      options: request.options as SandboxPostOptions,
      deletedAt: null,
    });
    try {
      await this.posts.insert(post);
      return post;
    } catch (error) {
      // The same key again: answer with the post it already made, as idempotent APIs do.
      if (!(error instanceof QueryFailedError)) throw error;
      const existing = await this.posts.findOneBy({
        accountExternalId: account.externalAccountId,
        idempotencyKey: request.idempotencyKey,
      });
      if (!existing) throw error;
      return existing;
    }
  }

  private async failIfAsked(account: AccountCredentials, settings: AccountSettings): Promise<void> {
    if (!settings.failStatus || !settings.failCount) return;
    await this.saveSettings(account, { ...settings, failCount: settings.failCount - 1 });
    const headers = settings.retryAfterSeconds ? { 'retry-after': String(settings.retryAfterSeconds) } : {};
    const failure = classifyHttpFailure(
      { status: settings.failStatus, headers, body: { error: 'simulated by the Sandbox' } },
      new Date(),
    );
    throw new ConnectorFailure(failure);
  }

  private async settings(account: AccountCredentials): Promise<AccountSettings> {
    const row = await this.accounts.findOne({
      where: { network: 'sandbox', externalAccountId: account.externalAccountId },
      select: { id: true, settings: true },
    });
    return row?.settings ?? {};
  }

  private async saveSettings(account: AccountCredentials, settings: AccountSettings): Promise<void> {
    await this.accounts.update({ network: 'sandbox', externalAccountId: account.externalAccountId }, { settings });
  }
}
