import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { newId } from '../common/ids';
import { AccountsService } from '../accounts/accounts.service';
import { ConnectorFailure, LookupUnavailableError } from '../connectors/connector';
import { Publisher } from './publisher';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PublishJob } from './publish-job.entity';
import { PublishRecorder } from './publish-recorder';

/** A lookup the network could not answer now is tried again after this long. */
const LOOKUP_RETRY_MS = 30_000;

/**
 * Settles jobs whose worker vanished mid-send (lease expired while `sending`). The post may or may
 * not be on the network, so it is looked up there: found → published; absent → sent again; the
 * network cannot tell → a person decides. Never a blind retry.
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: Publisher,
    private readonly recorder: PublishRecorder,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(now = new Date(), limit = 50): Promise<number> {
    const stale = await this.dataSource.manager.find(PublishJob, {
      where: { status: 'sending', leaseUntil: LessThan(now) },
      take: limit,
    });
    let settled = 0;
    for (const candidate of stale) {
      const job = await this.takeOver(candidate, now);
      if (job) {
        await this.settle(job);
        settled++;
      }
    }
    return settled;
  }

  /** Claims a stale job for this reconciler, unless another got there first. */
  private async takeOver(job: PublishJob, now: Date): Promise<PublishJob | null> {
    const claimToken = newId();
    const taken = await this.dataSource.manager.update(
      PublishJob,
      { id: job.id, status: 'sending', leaseUntil: LessThan(now) },
      { claimToken, leaseUntil: new Date(now.getTime() + this.config.publishing.leaseMs) },
    );
    return taken.affected ? { ...job, claimToken } : null;
  }

  private async settle(job: PublishJob): Promise<void> {
    const context = await this.publisher.load(job);
    if (!context) return this.recorder.record(job, null, { kind: 'cancelled', reason: 'the post was removed' });
    const connector = this.publisher.connectorFor(context.account);
    const needsReview = () =>
      this.recorder.record(job, context, {
        kind: 'needs_review',
        reason: `publishing was interrupted and ${context.account.network} cannot be asked whether the post went out`,
      });
    if (!connector?.findPublished) return needsReview();
    try {
      const credentials = this.accounts.credentials(context.account);
      const found = await connector.findPublished(credentials, await this.publisher.request(context));
      if (found) return this.recorder.record(job, context, { kind: 'published', post: found, reconciled: true });
      return this.recorder.record(job, context, {
        kind: 'retry',
        afterMs: 0,
        reason: 'an interrupted attempt did not reach the network; sending again',
      });
    } catch (error) {
      if (error instanceof LookupUnavailableError) return needsReview();
      if (!(error instanceof ConnectorFailure)) throw error;
      this.logger.warn(`lookup for publish job ${job.id} failed: ${error.message}; trying later`);
      await this.dataSource.manager.update(
        PublishJob,
        { id: job.id, claimToken: job.claimToken ?? undefined },
        { leaseUntil: new Date(Date.now() + LOOKUP_RETRY_MS) },
      );
    }
  }
}
