import { createHash } from 'node:crypto';
import { DataSource, In, IsNull, Like, MoreThanOrEqual, Repository } from 'typeorm';
import { AccountSettings, SocialAccount } from '../../accounts/social-account.entity';
import { hashtagsIn } from '../../hashtags/hashtag-text';
import { Workspace } from '../../workspaces/workspace.entity';
import {
  AccountCredentials,
  AccountStats,
  ConnectorFailure,
  MetricsUnavailableError,
  NetworkPost,
  PostMetrics,
  PublicAccount,
} from '../connector';
import { classifyHttpFailure } from '../failure-classification';
import type { PostType } from '../network-limits';
import { sandboxCompetitor } from './sandbox-competitors';
import { sandboxFollowers, sandboxMetrics } from './sandbox-metrics';
import { SandboxPost } from './sandbox-post.entity';

/** The Sandbox reads metrics of up to this many posts in one call, like X's `ids=` lookup. */
export const SANDBOX_METRICS_BATCH = 100;

/** Posts someone "made in the Sandbox app" carry this idempotency-key prefix instead of a publish key. */
export const DIRECT_POST_KEY = 'direct:';

export const SANDBOX_NO_INSIGHTS =
  'This Sandbox account simulates a token without the insights permission: turn "insights" back on in its settings ' +
  '(on a real network you would reconnect the account granting the insights permission).';

interface AudienceContext {
  timeZone: string;
  settings: AccountSettings;
}

/**
 * The Sandbox's analytics side: metrics of the posts it holds, the account's audience, the posts
 * made directly in it, and made-up public competitors — all deterministic, so charts are stable.
 */
export class SandboxAnalytics {
  private readonly posts: Repository<SandboxPost>;
  private readonly accounts: Repository<SocialAccount>;
  private readonly workspaces: Repository<Workspace>;

  constructor(
    dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.posts = dataSource.getRepository(SandboxPost);
    this.accounts = dataSource.getRepository(SocialAccount);
    this.workspaces = dataSource.getRepository(Workspace);
  }

  async fetchMetrics(account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    const context = await this.context(account);
    await this.failReadIfAsked(account, context.settings);
    const metrics = new Map<string, PostMetrics>();
    if (externalIds.length === 0) return metrics;
    const posts = await this.posts.findBy({
      id: In(externalIds),
      accountExternalId: account.externalAccountId,
      deletedAt: IsNull(),
    });
    const now = this.now();
    for (const post of posts) metrics.set(post.id, metricsOf(post, account.externalAccountId, context, now));
    return metrics;
  }

  async fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    await this.context(account);
    const now = this.now();
    const followers = sandboxFollowers(account.externalAccountId, now);
    const posts = await this.posts.countBy({ accountExternalId: account.externalAccountId, deletedAt: IsNull() });
    const seed = createHash('sha256').update(account.externalAccountId).digest();
    return {
      followers,
      following: 120 + (seed.readUInt16BE(4) % 380),
      posts,
      profileViews: Math.round(followers * (0.01 + (seed[6] / 255) * 0.02)),
    };
  }

  /** Only posts made directly in the Sandbox: the ones we published we already track. */
  async listPosts(account: AccountCredentials, since: Date): Promise<NetworkPost[]> {
    await this.context(account);
    const posts = await this.posts.find({
      where: {
        accountExternalId: account.externalAccountId,
        idempotencyKey: Like(`${DIRECT_POST_KEY}%`),
        createdAt: MoreThanOrEqual(since),
        deletedAt: IsNull(),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return posts.map((post) => ({
      externalId: post.id,
      url: null,
      text: post.text,
      publishedAt: post.createdAt,
      postType: post.postType as PostType,
      mediaKind: sandboxMediaKind(post),
    }));
  }

  async lookupPublicAccount(account: AccountCredentials, handle: string): Promise<PublicAccount> {
    const context = await this.context(account);
    return sandboxCompetitor(handle, this.now(), context.timeZone);
  }

  /** What the Sandbox app itself shows on its timeline: metrics whatever the token may read. */
  async timelineMetrics(externalAccountId: string, posts: SandboxPost[]): Promise<Map<string, PostMetrics>> {
    const row = await this.accountRow(externalAccountId);
    const context = { timeZone: await this.zoneOf(row), settings: row?.settings ?? {} };
    const now = this.now();
    return new Map(posts.map((post) => [post.id, metricsOf(post, externalAccountId, context, now)]));
  }

  /** The account's workspace zone; refuses when the account simulates a token without insights. */
  private async context(account: AccountCredentials): Promise<AudienceContext> {
    const row = await this.accountRow(account.externalAccountId);
    const settings = (account.settings ?? row?.settings ?? {}) as AccountSettings;
    if (settings.insights === false) throw new MetricsUnavailableError(SANDBOX_NO_INSIGHTS);
    return { timeZone: await this.zoneOf(row), settings };
  }

  /**
   * `metricsFailStatus` answers the next `metricsFailCount` metric reads with that status, the
   * account's `retryAfterSeconds` as Retry-After — apart from the publish failures, so a test can
   * make collection meet a 429 while publishing works (and the other way round).
   */
  private async failReadIfAsked(account: AccountCredentials, settings: AccountSettings): Promise<void> {
    if (!settings.metricsFailStatus || !settings.metricsFailCount) return;
    await this.accounts.update(
      { network: 'sandbox', externalAccountId: account.externalAccountId },
      { settings: { ...settings, metricsFailCount: settings.metricsFailCount - 1 } },
    );
    const headers = settings.retryAfterSeconds ? { 'retry-after': String(settings.retryAfterSeconds) } : {};
    const body = { error: 'simulated by the Sandbox' };
    throw new ConnectorFailure(classifyHttpFailure({ status: settings.metricsFailStatus, headers, body }, this.now()));
  }

  private accountRow(externalAccountId: string): Promise<SocialAccount | null> {
    return this.accounts.findOne({
      where: { network: 'sandbox', externalAccountId },
      select: { id: true, workspaceId: true, settings: true },
    });
  }

  private async zoneOf(row: SocialAccount | null): Promise<string> {
    if (!row) return 'UTC';
    const workspace = await this.workspaces.findOne({
      where: { id: row.workspaceId },
      select: { id: true, timeZone: true },
    });
    return workspace?.timeZone ?? 'UTC';
  }
}

/** Video wins over images when a post carries both, as networks show the video first. */
export function sandboxMediaKind(post: Pick<SandboxPost, 'media'>): 'image' | 'video' | null {
  if (post.media.some((m) => m.kind === 'video')) return 'video';
  if (post.media.some((m) => m.kind === 'image' || m.kind === 'gif')) return 'image';
  return null;
}

function metricsOf(post: SandboxPost, externalAccountId: string, context: AudienceContext, now: Date): PostMetrics {
  return sandboxMetrics({
    postId: post.id,
    publishedAt: post.createdAt,
    now,
    timeZone: context.timeZone,
    hashtags: hashtagsIn(post.text).length,
    mediaKind: sandboxMediaKind(post),
    followers: sandboxFollowers(externalAccountId, post.createdAt),
  });
}
