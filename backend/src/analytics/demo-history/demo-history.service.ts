import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'agenda';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, IsNull, LessThanOrEqual, Like } from 'typeorm';
import { has, type Principal, type WorkspaceAccess } from '../../access/access-context';
import { AccessError } from '../../access/access.errors';
import { AccountsService } from '../../accounts/accounts.service';
import type { SocialAccount } from '../../accounts/social-account.entity';
import { newId } from '../../common/ids';
import type { AccountStats } from '../../connectors/connector';
import { SandboxAnalytics } from '../../connectors/sandbox/sandbox-analytics';
import { sandboxFollowers, sandboxMetrics } from '../../connectors/sandbox/sandbox-metrics';
import { SandboxPost } from '../../connectors/sandbox/sandbox-post.entity';
import { insertRows } from '../../database/insert-rows';
import { hashtagsIn } from '../../hashtags/hashtag-text';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { PublishedHistoryWriter, type WrittenPost } from '../../posts/published-history.writer';
import { Membership } from '../../workspaces/membership.entity';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { AnalyticsIngest, type SnapshotInput } from '../analytics-ingest.service';
import { AnalyticsTracking } from '../analytics-tracking.service';
import type { AccountStatsEntry } from '../account-stats-writer';
import { DemoCompetitors } from './demo-competitors';
import { DemoMedia, type DemoMediaSet } from './demo-media';
import { DEMO_DAYS, DEMO_KEY, demoPlan, type DemoPost } from './demo-plan';
import { COLLECT_OFFSETS_MS } from '../cadence';

export const DEMO_HISTORY_JOB = 'analytics.demo-history';

/** The cadence times of a post published at `publishedAt` that are already past at `now`. */
export const pastCollections = (publishedAt: Date, now: Date): Date[] =>
  COLLECT_OFFSETS_MS.map((offset) => new Date(publishedAt.getTime() + offset)).filter((at) => at <= now);
/** Posts written per transaction. */
const BATCH = 100;

interface DemoJobData {
  workspaceId: string;
  userId: string;
  result?: DemoResult;
}

/** A demo post as written: its ids here and on the Sandbox. */
interface WrittenDemoPost extends WrittenPost {
  post: DemoPost;
  externalId: string;
}

export interface DemoResult {
  accounts: number;
  /** Posts written by this load. */
  posts: number;
  /** Posts of the plan an earlier load had already written (by their Sandbox keys). */
  skipped: number;
  snapshots: number;
  competitors: number;
}

/** Progress shares of the job: posts and metrics first, then account days, then competitors. */
const POSTS_SHARE = 80;
const STATS_SHARE = 15;

/**
 * "Load 90 days of demo history": past Sandbox posts, as the team would have published them, with
 * their metrics over time, the accounts' daily figures and two competitors — everything the
 * dashboards read, so a newcomer sees them full. Every figure comes from the Sandbox's own
 * deterministic model, as collection would have read it. Loading again adds nothing already there:
 * each post has a key in the Sandbox (account, day, slot) and the ones found are skipped.
 */
@Injectable()
export class DemoHistory implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly jobs: BackgroundJobs,
    private readonly accounts: AccountsService,
    private readonly workspaces: WorkspacesService,
    private readonly ingest: AnalyticsIngest,
    private readonly tracking: AnalyticsTracking,
    private readonly media: DemoMedia,
    private readonly competitors: DemoCompetitors,
  ) {}

  onModuleInit(): void {
    this.jobs.define<DemoJobData>(DEMO_HISTORY_JOB, async (job) => void (await this.run(job)), {
      concurrency: 1,
      lockLifetime: 30 * 60_000,
    });
  }

  /**
   * Queues the load. A workspace without a Sandbox account gets one first ("Demo Sandbox"), which
   * needs accounts:write beside the route's posts:write.
   */
  async start(workspace: WorkspaceAccess, actor: Principal): Promise<string> {
    if (!(await this.sandboxAccounts(workspace.workspaceId)).length) {
      if (!has(workspace, 'accounts:write'))
        throw new AccessError(
          'PERMISSION_DENIED',
          'The workspace has no Sandbox account, and adding one needs the accounts:write permission',
        );
      await this.accounts.connectSandbox(workspace, actor, 'Demo Sandbox');
    }
    return this.jobs.enqueue<DemoJobData>(DEMO_HISTORY_JOB, {
      workspaceId: workspace.workspaceId,
      userId: actor.userId,
    });
  }

  async run(job: Job<DemoJobData>, now = new Date()): Promise<DemoResult> {
    const { workspaceId, userId } = job.attrs.data;
    const timeZone = await this.workspaces.timeZoneOf(workspaceId);
    const accounts = await this.sandboxAccounts(workspaceId);
    const authors = await this.authors(workspaceId, userId);
    const media = await this.media.ensure(workspaceId, userId);
    const result: DemoResult = { accounts: accounts.length, posts: 0, skipped: 0, snapshots: 0, competitors: 0 };
    const progress = (share: number) => job.touch(Math.min(99, Math.floor(share)));
    for (const [i, account] of accounts.entries()) {
      const plan = demoPlan(account.id, now, timeZone, authors.length);
      const known = await this.knownKeys(account);
      const fresh = plan.filter((p) => !known.has(p.key));
      result.skipped += plan.length - fresh.length;
      for (let b = 0; b < fresh.length; b += BATCH) {
        const batch = fresh.slice(b, b + BATCH);
        const written = await this.writePosts(workspaceId, timeZone, account, batch, authors, media, now);
        result.posts += written.length;
        result.snapshots += await this.recordMetrics(account, timeZone, written, now);
        await progress(((i + (b + batch.length) / fresh.length) / accounts.length) * POSTS_SHARE);
      }
      await this.recordAccountDays(account, timeZone, now);
      await progress(POSTS_SHARE + ((i + 1) / accounts.length) * STATS_SHARE);
    }
    result.competitors = await this.competitors.load(workspaceId, timeZone, now, DEMO_DAYS);
    // Agenda saves only the run state after a handler; the result is data, saved here.
    job.attrs.data.result = result;
    await job.save();
    return result;
  }

  /** Active Sandbox accounts whose insights are readable (one simulating a token without them has no metrics). */
  private async sandboxAccounts(workspaceId: string): Promise<SocialAccount[]> {
    return (await this.accounts.live(workspaceId)).filter(
      (a) => a.network === 'sandbox' && a.status === 'active' && a.settings?.insights !== false,
    );
  }

  /** The workspace's members, the one who asked first: the demo posts' authors in turn. */
  private async authors(workspaceId: string, userId: string): Promise<string[]> {
    const members = await this.dataSource
      .getRepository(Membership)
      .find({ where: { workspaceId }, order: { userId: 'ASC' } });
    return [userId, ...members.map((m) => m.userId).filter((id) => id !== userId)];
  }

  private async knownKeys(account: SocialAccount): Promise<Set<string>> {
    const rows = await this.dataSource.getRepository(SandboxPost).find({
      where: { accountExternalId: account.externalAccountId, idempotencyKey: Like(`${DEMO_KEY}%`) },
      select: { id: true, idempotencyKey: true },
    });
    return new Set(rows.map((r) => r.idempotencyKey));
  }

  /**
   * The batch's posts, the Sandbox's copy of each (its id is the post's external id, and its
   * creation time when it went out) and their tracking, in one transaction.
   */
  private async writePosts(
    workspaceId: string,
    timeZone: string,
    account: SocialAccount,
    batch: DemoPost[],
    authors: string[],
    media: DemoMediaSet,
    now: Date,
  ): Promise<WrittenDemoPost[]> {
    const externalIds = batch.map(() => newId());
    const mediaOf = (post: DemoPost) => {
      const pool = post.mediaKind === 'video' ? media.video : post.mediaKind === 'image' ? media.image : [];
      return pool.length ? [pool[post.publishedAt.getUTCDate() % pool.length]] : [];
    };
    // No video could be made: a video slot becomes a photo, so a post never claims media it lacks.
    const shaped = batch.map((post) =>
      post.mediaKind === 'video' && !media.video.length
        ? { ...post, mediaKind: 'image' as const, postType: 'photo' as const }
        : post,
    );
    const writer = new PublishedHistoryWriter(this.dataSource, this.events, workspaceId, timeZone);
    const inputs = shaped.map((post, i) => ({
      authorId: authors[post.author] ?? null,
      accountId: account.id,
      text: post.text,
      postType: post.postType,
      link: post.link,
      mediaIds: mediaOf(post),
      labels: post.labels,
      publishedAt: post.publishedAt,
      externalId: externalIds[i],
      externalUrl: null,
    }));
    const written = await writer.write(inputs, async (em, ids) => {
      await this.writeSandboxCopies(
        em,
        account,
        shaped,
        media,
        inputs.map((p) => p.mediaIds),
        externalIds,
      );
      // Collection goes on from the first read still ahead; the reads behind are the history's snapshots.
      await this.tracking.trackWithin(
        em,
        shaped.map((post, i) => ({
          workspaceId,
          accountId: account.id,
          network: 'sandbox' as const,
          postId: ids[i].postId,
          variantId: ids[i].variantId,
          externalId: externalIds[i],
          authorId: inputs[i].authorId,
          postType: post.postType,
          mediaKind: post.mediaKind,
          text: post.text,
          url: null,
          publishedAt: post.publishedAt,
        })),
        { now },
      );
    });
    return shaped.map((post, i) => ({ ...written[i], post, externalId: externalIds[i] }));
  }

  /** What the Sandbox holds of each post: its copy, dated when it went out, with the media as publishing hands it over. */
  private async writeSandboxCopies(
    em: EntityManager,
    account: SocialAccount,
    posts: DemoPost[],
    media: DemoMediaSet,
    mediaIds: string[][],
    externalIds: string[],
  ): Promise<void> {
    await insertRows(
      em,
      SandboxPost,
      posts.map((post, i) => ({
        id: externalIds[i],
        accountExternalId: account.externalAccountId,
        idempotencyKey: post.key,
        postType: post.postType,
        text: post.text,
        link: post.link,
        media: mediaIds[i].flatMap((id) => media.published.get(id) ?? []),
        options: null,
        deletedAt: null,
        createdAt: post.publishedAt,
      })),
    );
  }

  /**
   * Each post's metrics at every collection time already past, as the Sandbox gives them then
   * (the same inputs its connector reads, so later collection continues the same curves).
   */
  private async recordMetrics(
    account: SocialAccount,
    timeZone: string,
    written: WrittenDemoPost[],
    now: Date,
  ): Promise<number> {
    const snapshots: SnapshotInput[] = [];
    for (const { post, variantId, externalId } of written) {
      const followers = sandboxFollowers(account.externalAccountId, post.publishedAt);
      for (const takenAt of pastCollections(post.publishedAt, now)) {
        const metrics = sandboxMetrics({
          postId: externalId,
          publishedAt: post.publishedAt,
          now: takenAt,
          timeZone,
          hashtags: hashtagsIn(post.text).length,
          mediaKind: post.mediaKind,
          followers,
        });
        snapshots.push({ analyticsPostId: variantId, takenAt, metrics });
      }
    }
    snapshots.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
    // History: stored and rolled up, not announced (no automation reacts to last month's metrics).
    return (await this.ingest.record(snapshots, { announce: false })).stored;
  }

  /** The account's figures at the end of each demo day (followers grow as the Sandbox says). */
  private async recordAccountDays(account: SocialAccount, timeZone: string, now: Date): Promise<void> {
    const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
    const credentials = this.accounts.credentials(account);
    const entries: AccountStatsEntry[] = [];
    for (let back = DEMO_DAYS; back >= 0; back--) {
      const day = today.minus({ days: back });
      const end = new Date(Math.min(day.endOf('day').toMillis(), now.getTime()));
      const stats: AccountStats = await new SandboxAnalytics(this.dataSource, () => end).fetchAccountStats(credentials);
      // The Sandbox counts the posts it holds now; on a past day, those it held then.
      const posts = await this.dataSource.getRepository(SandboxPost).countBy({
        accountExternalId: account.externalAccountId,
        createdAt: LessThanOrEqual(end),
        deletedAt: IsNull(),
      });
      entries.push({ accountId: account.id, day: day.toISODate()!, stats: { ...stats, posts } });
    }
    await this.ingest.recordAccountStatsMany(entries);
  }
}
