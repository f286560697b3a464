import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, LessThanOrEqual, Repository } from 'typeorm';
import { signDelivery } from '../automations/inbound/signatures';
import { fetchPublic } from '../common/public-url';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { BackgroundJobs } from '../jobs/background-jobs';
import { type AttemptOutcome, outcomeOf, unreachable } from './delivery-outcome';
import { SubscriptionDelivery } from './subscription-delivery.entity';
import { DELIVER_JOB, type DeliverJobData } from './subscription-fanout';
import { SubscriptionHealth } from './subscription-health';
import { Subscription } from './subscription.entity';
import { SubscriptionsService } from './subscriptions.service';

export const SWEEP_JOB = 'subscriptions.sweep';
export const PRUNE_JOB = 'subscriptions.prune';
/** Finished deliveries are kept this long for the page and the API, then forgotten. */
const KEEP_DAYS = 30;
/** How long a claimed delivery is its worker's: past it (the worker died), the sweep sends it again. */
const LEASE_MS = 60_000;
/** A job may run a moment before the time it was queued for. */
const EARLY_MS = 1_000;

/**
 * Sends REST hook deliveries from background jobs: claims the row, POSTs the body signed as our
 * send-webhook node signs (`X-Timestamp`, `X-Signature: sha256=HMAC("<timestamp>.<body>")`), and
 * records the answer. At least once: a receiver drops repeats by `X-Delivery-Id`.
 */
@Injectable()
export class SubscriptionDeliveries implements OnModuleInit {
  private readonly logger = new Logger('SubscriptionDeliveries');
  /** Exponential backoff from `baseMs` (1 min, 2, 4 … capped at `maxMs`), then the delivery fails. */
  retryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 8 };

  constructor(
    @InjectRepository(SubscriptionDelivery) private readonly deliveries: Repository<SubscriptionDelivery>,
    @InjectRepository(Subscription) private readonly subscriptions: Repository<Subscription>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: BackgroundJobs,
    private readonly service: SubscriptionsService,
    private readonly health: SubscriptionHealth,
  ) {}

  onModuleInit(): void {
    this.jobs.define<DeliverJobData>(DELIVER_JOB, (job) => this.deliver(job.attrs.data.deliveryId), {
      concurrency: 10,
    });
    this.jobs.define(SWEEP_JOB, () => this.sweep().then(() => undefined));
    this.jobs.every(SWEEP_JOB, '1 minute');
    this.jobs.define(PRUNE_JOB, () => this.prune().then(() => undefined));
    this.jobs.every(PRUNE_JOB, '1 day');
  }

  /** Forgets finished deliveries older than 30 days; waiting ones stay whatever their age. */
  async prune(now = new Date()): Promise<number> {
    const { affected } = await this.deliveries.delete({
      status: In(['delivered', 'failed']),
      createdAt: LessThan(new Date(now.getTime() - KEEP_DAYS * 86_400_000)),
    });
    return affected ?? 0;
  }

  /** One attempt at a delivery that is due; a delivery someone else holds, or already done, is left alone. */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.claim(deliveryId);
    if (!delivery) return;
    const subscription = await this.subscriptions.findOneBy({ id: delivery.subscriptionId });
    if (!subscription) return; // unsubscribed meanwhile: its deliveries went with it
    if (subscription.status !== 'active') {
      await this.finish(delivery, { status: 'failed', responseExcerpt: 'not sent: the subscription is turned off' });
      return;
    }
    const outcome = await this.attempt(subscription, delivery);
    await this.record(subscription, delivery, outcome);
  }

  /**
   * Queues what lost its job: deliveries due for over a minute with no one on them (the process
   * died between writing the row and queuing it), and claims whose worker died mid-send.
   */
  async sweep(now = new Date()): Promise<number> {
    const orphaned = await this.deliveries.find({
      select: { id: true, attempts: true },
      where: { status: 'sending', leaseUntil: LessThan(now) },
      take: 500,
    });
    for (const { id, attempts } of orphaned) {
      // Fenced by the attempt count: a worker that finished meanwhile keeps its result.
      await this.deliveries.update(
        { id, status: 'sending', attempts },
        { status: 'pending', leaseUntil: null, nextAttemptAt: now },
      );
    }
    const lost = await this.deliveries.find({
      select: { id: true },
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(new Date(now.getTime() - 60_000)) },
      take: 500,
    });
    const ids = [...orphaned, ...lost].map((d) => d.id);
    for (const deliveryId of ids) await this.jobs.enqueue<DeliverJobData>(DELIVER_JOB, { deliveryId });
    return ids.length;
  }

  private async claim(id: string): Promise<SubscriptionDelivery | null> {
    const now = new Date();
    const row = await this.deliveries.findOneBy({ id, status: 'pending' });
    if (!row || (row.nextAttemptAt && row.nextAttemptAt.getTime() > now.getTime() + EARLY_MS)) return null;
    const attempts = row.attempts + 1;
    const { affected } = await this.deliveries.update(
      { id, status: 'pending', attempts: row.attempts },
      { status: 'sending', attempts, leaseUntil: new Date(now.getTime() + LEASE_MS) },
    );
    return affected ? { ...row, attempts, status: 'sending' } : null;
  }

  private async attempt(subscription: Subscription, delivery: SubscriptionDelivery): Promise<AttemptOutcome> {
    const timestamp = Math.floor(Date.now() / 1000);
    return fetchPublic(
      subscription.targetUrl,
      {
        method: 'POST',
        signal: AbortSignal.timeout(15_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'SocialOrchestrator-Webhooks/1',
          'x-timestamp': String(timestamp),
          'x-signature': signDelivery(this.service.secretOf(subscription), timestamp, delivery.body),
          'x-delivery-id': delivery.id,
          'x-event': subscription.event,
          'x-subscription-id': subscription.id,
        },
        body: delivery.body,
      },
      { allowPrivate: this.config.allowPrivateUrls },
    ).then(outcomeOf, unreachable);
  }

  private async record(
    subscription: Subscription,
    delivery: SubscriptionDelivery,
    outcome: AttemptOutcome,
  ): Promise<void> {
    const answer = { responseStatus: outcome.status, responseExcerpt: outcome.excerpt || null };
    switch (outcome.kind) {
      case 'delivered':
        await this.finish(delivery, { ...answer, status: 'delivered', deliveredAt: new Date() });
        await this.health.succeeded(subscription);
        return;
      case 'gone':
        this.logger.log(`subscription ${subscription.id} answered 410 Gone: unsubscribed`);
        await this.subscriptions.delete({ id: subscription.id });
        await this.service.record(subscription.workspaceId, null, 'subscription.deleted', subscription, { gone: true });
        return;
      case 'refused':
        await this.finish(delivery, { ...answer, status: 'failed' });
        await this.health.failed(subscription);
        return;
      case 'retry':
        await this.retryOrFail(delivery, answer, outcome.retryAfterMs);
        await this.health.failed(subscription);
    }
  }

  private async retryOrFail(
    delivery: SubscriptionDelivery,
    answer: Pick<SubscriptionDelivery, 'responseStatus' | 'responseExcerpt'>,
    retryAfterMs: number | null,
  ): Promise<void> {
    const { baseMs, maxMs, maxAttempts } = this.retryPolicy;
    if (delivery.attempts >= maxAttempts) {
      await this.finish(delivery, { ...answer, status: 'failed' });
      return;
    }
    const backoff = Math.min(baseMs * 2 ** (delivery.attempts - 1), maxMs);
    const at = new Date(Date.now() + Math.max(backoff, retryAfterMs ?? 0));
    await this.finish(delivery, { ...answer, status: 'pending', nextAttemptAt: at });
    await this.jobs.enqueueAt<DeliverJobData>(DELIVER_JOB, { deliveryId: delivery.id }, at);
  }

  /** Writes the attempt's result, fenced by the claim (a lease taken over by the sweep loses). */
  private async finish(delivery: SubscriptionDelivery, columns: Partial<SubscriptionDelivery>): Promise<void> {
    await this.deliveries.update(
      { id: delivery.id, status: 'sending', attempts: delivery.attempts },
      { leaseUntil: null, nextAttemptAt: null, ...columns },
    );
  }
}
