import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newId } from '../common/ids';
import { BackgroundJobs } from '../jobs/background-jobs';
import type { DeliveryBody, SubscriptionEvent } from './subscription-events';
import { SubscriptionDelivery } from './subscription-delivery.entity';
import { Subscription } from './subscription.entity';

export const DELIVER_JOB = 'subscriptions.deliver';

export interface DeliverJobData {
  deliveryId: string;
}

/**
 * Turns one event into one delivery row per active subscription, then queues the sending. The rows
 * come first: if the process dies before the job is queued, the sweep queues it later.
 */
@Injectable()
export class SubscriptionFanout {
  private readonly logger = new Logger('SubscriptionFanout');

  constructor(
    @InjectRepository(Subscription) private readonly subscriptions: Repository<Subscription>,
    @InjectRepository(SubscriptionDelivery) private readonly deliveries: Repository<SubscriptionDelivery>,
    private readonly jobs: BackgroundJobs,
  ) {}

  /** Returns how many deliveries were written (an event seen before writes none). */
  async announce(
    workspaceId: string,
    event: SubscriptionEvent,
    eventKey: string,
    data: () => Promise<Record<string, unknown> | null>,
  ): Promise<number> {
    const targets = await this.subscriptions.findBy({ workspaceId, event, status: 'active' });
    if (!targets.length) return 0;
    const payload = await data();
    if (!payload) return 0;
    const key = `${event}:${eventKey}`.slice(0, 160);
    let written = 0;
    for (const subscription of targets) {
      const deliveryId = await this.write(subscription, key, {
        id: '',
        event,
        occurredAt: new Date().toISOString(),
        workspaceId,
        data: payload,
      });
      if (!deliveryId) continue;
      written++;
      await this.jobs.enqueue<DeliverJobData>(DELIVER_JOB, { deliveryId });
    }
    return written;
  }

  /** The new delivery's id, or null when this event was written for this subscription before. */
  private async write(subscription: Subscription, eventKey: string, body: DeliveryBody): Promise<string | null> {
    const id = newId();
    if (await this.deliveries.existsBy({ subscriptionId: subscription.id, eventKey })) return null;
    try {
      await this.deliveries.insert({
        id,
        subscriptionId: subscription.id,
        workspaceId: subscription.workspaceId,
        eventKey,
        body: JSON.stringify({ ...body, id }),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: new Date(),
        leaseUntil: null,
        responseStatus: null,
        responseExcerpt: null,
        deliveredAt: null,
      });
      return id;
    } catch (error) {
      // Another process wrote the same event between the check and the insert (the unique key).
      if (await this.deliveries.existsBy({ subscriptionId: subscription.id, eventKey })) return null;
      this.logger.error(`delivery of ${eventKey} to subscription ${subscription.id} not written: ${String(error)}`);
      throw error;
    }
  }
}
