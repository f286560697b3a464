import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import type { SocialAccount } from '../accounts/social-account.entity';
import { newId } from '../common/ids';
import { ConnectorFailure, MetricsUnavailableError, type Connector } from '../connectors/connector';
import { CONNECTORS, type ConnectorMap } from '../connectors/connectors.module';
import { inLists } from '../database/in-lists';
import { markAccount } from './account-reasons';
import { AnalyticsIngest, type SnapshotInput } from './analytics-ingest.service';
import { AnalyticsPost } from './analytics-post.entity';
import { AnalyticsSql } from './analytics-sql';
import { ensureAnalyticsAccounts } from './account-stats-writer';
import { nextCollection } from './cadence';
import { BLOCKED_RETRY_MS, readStop, type ReadStop } from './collect-failures';

/** Posts claimed per run of the collection job. */
const CLAIM_LIMIT = 1000;
/** How long a claim holds: a worker that dies mid-collection frees its posts after this. */
const CLAIM_LEASE_MS = 10 * 60_000;
/** The shortest wait before a failed read is tried again (the policy's jitter may say 0). */
const MIN_RETRY_MS = 60_000;

export interface CollectOutcome {
  claimed: number;
  collected: number;
  /** Posts whose read is retried later (rate limit, network trouble, account blocked). */
  deferred: number;
  /** Posts the network no longer has: their collection ends. */
  gone: number;
}

type Claimed = Pick<
  AnalyticsPost,
  'id' | 'accountId' | 'externalId' | 'publishedAt' | 'collectStep' | 'collectAttempts'
>;

/**
 * Reads the metrics of tracked posts whose cadence read is due: claims them (a conditional
 * update, so two workers never read the same post), asks each account's network for several at
 * once (its `metricsBatchSize`), records the snapshots, and moves each post to its next read.
 */
@Injectable()
export class AnalyticsCollector {
  private readonly logger = new Logger(AnalyticsCollector.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONNECTORS) private readonly connectors: ConnectorMap,
    private readonly accounts: AccountsService,
    private readonly ingest: AnalyticsIngest,
  ) {}

  /** Collects the posts due at `now` (of one account only, for "Sync now"). */
  async collectDue(now = new Date(), accountId?: string): Promise<CollectOutcome> {
    const outcome: CollectOutcome = { claimed: 0, collected: 0, deferred: 0, gone: 0 };
    const claimed = await this.claim(now, accountId);
    outcome.claimed = claimed.posts.length;
    const byAccount = new Map<string, Claimed[]>();
    for (const post of claimed.posts) byAccount.set(post.accountId, [...(byAccount.get(post.accountId) ?? []), post]);
    const accounts = await this.dataSource.getRepository('SocialAccount').findBy({ id: In([...byAccount.keys()]) });
    for (const account of accounts as SocialAccount[]) {
      const done = await this.collectAccount(account, byAccount.get(account.id)!, claimed.token, now);
      outcome.collected += done.collected;
      outcome.deferred += done.deferred;
      outcome.gone += done.gone;
    }
    return outcome;
  }

  /** Makes every post of the account still in its cadence due now ("Sync now"). */
  async makeDue(accountId: string, now = new Date()): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(AnalyticsPost)
      .set({ nextCollectAt: now })
      .where('accountId = :accountId AND nextCollectAt IS NOT NULL', { accountId })
      .execute();
  }

  /**
   * Due posts taken for this run: their claim token set and their due time pushed past the lease,
   * only where they are still due (another worker's claim got there first otherwise).
   */
  private async claim(now: Date, accountId?: string): Promise<{ token: string; posts: Claimed[] }> {
    const repo = this.dataSource.getRepository(AnalyticsPost);
    const due = repo
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where('p.nextCollectAt <= :now', { now })
      .orderBy('p.nextCollectAt')
      .limit(CLAIM_LIMIT);
    if (accountId) due.andWhere('p.accountId = :accountId', { accountId });
    const ids = (await due.getRawMany<{ id: string }>()).map((r) => r.id);
    const token = newId();
    const posts: Claimed[] = [];
    for (const list of inLists(ids)) {
      await repo
        .createQueryBuilder()
        .update()
        .set({ collectClaim: token, nextCollectAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
        .where('id IN (:...list) AND nextCollectAt <= :now', { list, now })
        .execute();
      posts.push(
        ...(await repo.find({
          select: {
            id: true,
            accountId: true,
            externalId: true,
            publishedAt: true,
            collectStep: true,
            collectAttempts: true,
          },
          where: { id: In(list), collectClaim: token },
        })),
      );
    }
    return { token, posts };
  }

  private async collectAccount(account: SocialAccount, posts: Claimed[], token: string, now: Date) {
    const result = { collected: 0, deferred: 0, gone: 0 };
    const sql = new AnalyticsSql(this.dataSource.manager);
    await ensureAnalyticsAccounts(sql, [
      { accountId: account.id, workspaceId: account.workspaceId, network: account.network },
    ]);
    if (account.deletedAt) {
      await this.finish(posts, token, 'The account was removed');
      return result;
    }
    const connector = this.connectors[account.network];
    const blocked = this.blockedReason(account, connector);
    if (blocked || !connector) {
      await markAccount(sql, account.id, { unavailableReason: blocked ?? 'network not configured' });
      await this.defer(posts, token, now, BLOCKED_RETRY_MS);
      result.deferred += posts.length;
      return result;
    }
    const size = Math.max(1, connector.metricsBatchSize);
    for (let i = 0; i < posts.length; i += size) {
      const batch = posts.slice(i, i + size);
      const read = await this.read(connector, account, batch, now);
      if (read.kind === 'stop') {
        const rest = posts.slice(i);
        if (read.stop.reason) await markAccount(sql, account.id, { unavailableReason: read.stop.reason });
        await this.deferEach(rest, token, now, read.stop);
        result.deferred += rest.length;
        return result;
      }
      await this.ingest.record(read.snapshots);
      const gone = batch.filter((p) => !read.found.has(p.externalId));
      await this.finish(gone, token, 'The network no longer has this post');
      await this.advance(
        batch.filter((p) => read.found.has(p.externalId)),
        token,
        now,
      );
      result.collected += batch.length - gone.length;
      result.gone += gone.length;
    }
    await markAccount(sql, account.id, { unavailableReason: null, lastSyncAt: now });
    return result;
  }

  /** Why the account's metrics cannot be read now, before asking the network. */
  private blockedReason(account: SocialAccount, connector: Connector | undefined): string | null {
    if (!connector) return `${account.network} is not set up on this server`;
    if (account.status === 'reauth_required') return `Reconnect ${account.name} to read its metrics`;
    if (account.status === 'disabled') return `${account.name} is disabled`;
    return null;
  }

  private async read(
    connector: Connector,
    account: SocialAccount,
    batch: Claimed[],
    now: Date,
  ): Promise<{ kind: 'read'; found: Set<string>; snapshots: SnapshotInput[] } | { kind: 'stop'; stop: ReadStop }> {
    try {
      const metrics = await connector.fetchMetrics(
        this.accounts.credentials(account),
        batch.map((p) => p.externalId),
      );
      const snapshots = batch.flatMap((p) => {
        const m = metrics.get(p.externalId);
        return m ? [{ analyticsPostId: p.id, takenAt: now, metrics: m }] : [];
      });
      return { kind: 'read', found: new Set(metrics.keys()), snapshots };
    } catch (error) {
      if (!(error instanceof ConnectorFailure) && !(error instanceof MetricsUnavailableError)) {
        this.logger.warn(`metrics of account ${account.id}: ${(error as Error).message}`);
      }
      return { kind: 'stop', stop: readStop(account, error) };
    }
  }

  /**
   * Each post to its next cadence read still ahead (a "Sync now" read before the step's time keeps
   * that step); the attempt count starts over.
   */
  private async advance(posts: Claimed[], token: string, now: Date): Promise<void> {
    for (const post of posts) {
      const next = nextCollection(post.publishedAt, now, post.collectStep);
      await this.release(post.id, token, {
        nextCollectAt: next.at,
        collectStep: next.step,
        collectAttempts: 0,
        unavailableReason: null,
      });
    }
  }

  /** The same read again after a delay; when the retry policy has no attempt left, the read is skipped. */
  private async deferEach(posts: Claimed[], token: string, now: Date, stop: Omit<ReadStop, 'reason'>) {
    for (const post of posts) {
      const delay = stop.delayOf(post.collectAttempts);
      if (delay === null) {
        const next = nextCollection(post.publishedAt, now, post.collectStep);
        await this.release(post.id, token, { nextCollectAt: next.at, collectStep: next.step, collectAttempts: 0 });
      } else {
        await this.release(post.id, token, {
          nextCollectAt: new Date(now.getTime() + Math.max(delay, MIN_RETRY_MS)),
          collectAttempts: post.collectAttempts + (stop.countsAsAttempt ? 1 : 0),
        });
      }
    }
  }

  private async defer(posts: Claimed[], token: string, now: Date, delayMs: number) {
    await this.deferEach(posts, token, now, { delayOf: () => delayMs, countsAsAttempt: false });
  }

  private async finish(posts: Claimed[], token: string, reason: string): Promise<void> {
    for (const post of posts) await this.release(post.id, token, { nextCollectAt: null, unavailableReason: reason });
  }

  /** Writes a post's next read and lets go of it, unless its claim has meanwhile passed to another worker. */
  private async release(id: string, token: string, change: Partial<AnalyticsPost>): Promise<void> {
    await this.dataSource
      .getRepository(AnalyticsPost)
      .update({ id, collectClaim: token }, { ...change, collectClaim: null });
  }
}
