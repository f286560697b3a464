import { Injectable, Logger } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AccountsService } from '../accounts/accounts.service';
import { SocialAccount } from '../accounts/social-account.entity';
import { newId } from '../common/ids';
import { Connector, ConnectorFailure, PublishRequest } from '../connectors/connector';
import { CONNECTORS, ConnectorMap } from '../connectors/connectors.module';
import { validateVariant } from '../connectors/variant-validation';
import { nextRetryDelay, DEFAULT_RETRY_POLICY, RetryPolicy } from '../connectors/retry-policy';
import { MediaLibrary } from '../media/media-library.service';
import { PostVariant } from '../posts/post-variant.entity';
import { Post } from '../posts/post.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { outcomeOfFailure, PublishOutcome } from './publish-outcome';
import { PublishJob } from './publish-job.entity';
import { PublishRecorder } from './publish-recorder';

/** Everything one attempt needs, loaded once. */
export interface AttemptContext {
  job: PublishJob;
  variant: PostVariant;
  post: Post;
  account: SocialAccount;
  schedule: Schedule | null;
  /** How many variants the post has (one is the common case, and needs no read-back). */
  variantCount: number;
}

/** Claims due PublishJobs and sends each to its network, recording the outcome. */
@Injectable()
export class Publisher {
  private readonly logger = new Logger(Publisher.name);
  retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONNECTORS) private readonly connectors: ConnectorMap,
    private readonly accounts: AccountsService,
    private readonly media: MediaLibrary,
    private readonly recorder: PublishRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Takes up to `limit` due jobs for this worker with one conditional update: a job another
   * worker took in between no longer matches `status = 'queued'` and is skipped.
   */
  async claim(limit: number, now = new Date()): Promise<PublishJob[]> {
    const token = newId();
    const due = await this.dataSource.manager.find(PublishJob, {
      select: { id: true },
      where: { status: 'queued', dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'ASC' },
      take: limit,
    });
    const ids = due.map((j) => j.id);
    if (!ids.length) return [];
    await this.dataSource
      .createQueryBuilder()
      .update(PublishJob)
      .set({
        status: 'sending',
        claimToken: token,
        leaseUntil: new Date(now.getTime() + this.config.publishing.leaseMs),
        attempts: () => 'attempts + 1',
      })
      .where({ id: In(ids), status: 'queued' })
      .execute();
    return this.dataSource.manager.findBy(PublishJob, { claimToken: token });
  }

  /** One attempt of a claimed job, from checks to the recorded outcome. Never throws. */
  async attempt(job: PublishJob, loaded?: AttemptContext | null): Promise<void> {
    const context = loaded === undefined ? await this.load(job) : loaded;
    if (!context) {
      await this.recorder.record(job, null, { kind: 'cancelled', reason: 'the post was removed' });
      return;
    }
    const startedAt = Date.now();
    let outcome: PublishOutcome;
    try {
      outcome = await this.send(context);
    } catch (error) {
      // Not the network's answer but our own fault, possibly after the post went out: look it up
      // before anything else (the reconciler takes jobs whose lease has run out).
      this.logger.error(`publish job ${job.id} failed unexpectedly: ${(error as Error).stack ?? error}`);
      await this.recorder.expireLease(job);
      return;
    }
    await this.recorder.record(job, context, outcome, Date.now() - startedAt);
  }

  async load(job: PublishJob): Promise<AttemptContext | null> {
    return (await this.loadMany([job])).get(job.id) ?? null;
  }

  /** The contexts of many claimed jobs in four queries (a job whose variant is gone has none). */
  async loadMany(jobs: PublishJob[]): Promise<Map<string, AttemptContext>> {
    const em = this.dataSource.manager;
    const ids = (pick: (j: PublishJob) => string) => [...new Set(jobs.map(pick))];
    const postIds = ids((j) => j.postId);
    const [variants, posts, accounts, schedules, counts] = await Promise.all([
      em.findBy(PostVariant, { id: In(ids((j) => j.variantId)) }),
      em.findBy(Post, { id: In(postIds) }),
      em.findBy(SocialAccount, { id: In(ids((j) => j.accountId)) }),
      em.findBy(Schedule, { postId: In(postIds) }),
      em
        .createQueryBuilder(PostVariant, 'v')
        .select('v.postId', 'postId')
        .addSelect('COUNT(*)', 'n')
        .where('v.postId IN (:...postIds)', { postIds })
        .groupBy('v.postId')
        .getRawMany<{ postId: string; n: string | number }>(),
    ]);
    const countOf = new Map(counts.map((c) => [c.postId, Number(c.n)]));
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const [variantMap, postMap, accountMap] = [byId(variants), byId(posts), byId(accounts)];
    const scheduleMap = new Map(schedules.map((s) => [s.postId, s]));
    const contexts = new Map<string, AttemptContext>();
    for (const job of jobs) {
      const variant = variantMap.get(job.variantId);
      const post = postMap.get(job.postId);
      const account = accountMap.get(job.accountId);
      if (variant && post && account) {
        contexts.set(job.id, {
          job,
          variant,
          post,
          account,
          schedule: scheduleMap.get(job.postId) ?? null,
          variantCount: countOf.get(job.postId) ?? 0,
        });
      }
    }
    return contexts;
  }

  connectorFor(account: SocialAccount): Connector | undefined {
    return this.connectors[account.network];
  }

  async request(context: AttemptContext): Promise<PublishRequest> {
    const { job, variant, post } = context;
    return {
      idempotencyKey: job.id,
      postType: variant.postType,
      text: variant.text ?? post.text,
      link: variant.link,
      media: await this.media.forPublishing(job.workspaceId, variant.mediaIds),
      options: variant.options,
    };
  }

  private async send(context: AttemptContext): Promise<PublishOutcome> {
    const { account, job } = context;
    if (account.deletedAt || account.status === 'disabled') {
      return { kind: 'failed', code: 'ACCOUNT_UNAVAILABLE', reason: `${account.name} is disabled or removed` };
    }
    if (account.status === 'reauth_required') {
      return { kind: 'failed', code: 'REAUTH_REQUIRED', reason: `${account.name} must be reconnected first` };
    }
    const connector = this.connectorFor(account);
    if (!connector) {
      return {
        kind: 'failed',
        code: 'NETWORK_NOT_CONFIGURED',
        reason: `${account.network} is not set up on this server`,
      };
    }
    const skip = await this.recorder.evergreenSkipReason(context);
    if (skip) return { kind: 'cancelled', reason: skip };
    const request = await this.request(context);
    const credentials = this.accounts.credentials(account);
    const problems = validateVariant(connector.limitsFor?.(credentials) ?? connector.limits, request);
    if (problems.length) {
      return {
        kind: 'failed',
        code: 'INVALID_POST',
        reason: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      };
    }
    try {
      const published = await connector.publish(credentials, request);
      return { kind: 'published', post: published, reconciled: false };
    } catch (error) {
      if (!(error instanceof ConnectorFailure)) throw error;
      const delay =
        error.failure.kind === 'retry' ? nextRetryDelay(job.attempts, error.failure.afterMs, this.retryPolicy) : null;
      return outcomeOfFailure(error.failure, delay);
    }
  }
}
