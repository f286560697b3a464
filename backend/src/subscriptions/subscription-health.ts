import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Membership } from '../workspaces/membership.entity';
import { SubscriptionDelivery } from './subscription-delivery.entity';
import { Subscription } from './subscription.entity';

/**
 * Counts a subscription's failed attempts in a row and turns it off when its target has kept
 * failing (`failures` attempts over at least `forMs`), telling whoever subscribed. A success
 * resets the count. Zapier asks the same of a REST hook: stop sending to what no longer listens.
 */
@Injectable()
export class SubscriptionHealth {
  private readonly logger = new Logger('SubscriptionHealth');
  /** 20 failed attempts in a row over at least a day: a weekend outage of the receiver does not lose it. */
  disablePolicy = { failures: 20, forMs: 24 * 3_600_000 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Subscription) private readonly subscriptions: Repository<Subscription>,
    @InjectRepository(SubscriptionDelivery) private readonly deliveries: Repository<SubscriptionDelivery>,
    private readonly notifications: NotificationsService,
    private readonly activity: ActivityService,
  ) {}

  async succeeded(subscription: Subscription): Promise<void> {
    await this.subscriptions.update(
      { id: subscription.id },
      { consecutiveFailures: 0, failingSince: null, lastDeliveryAt: new Date() },
    );
  }

  async failed(subscription: Subscription): Promise<void> {
    const now = new Date();
    // Counted in SQL: concurrent deliveries of one subscription each add their failure.
    await this.subscriptions
      .createQueryBuilder()
      .update()
      .set({ consecutiveFailures: () => '"consecutiveFailures" + 1', lastDeliveryAt: now })
      .where('id = :id', { id: subscription.id })
      .execute();
    await this.subscriptions.update({ id: subscription.id, failingSince: IsNull() }, { failingSince: now });
    const current = await this.subscriptions.findOneBy({ id: subscription.id });
    if (!current || current.status !== 'active') return;
    const { failures, forMs } = this.disablePolicy;
    const failingFor = now.getTime() - (current.failingSince ?? now).getTime();
    if (current.consecutiveFailures >= failures && failingFor >= forMs) await this.disable(current);
  }

  private async disable(subscription: Subscription): Promise<void> {
    const reason = `Turned off after ${subscription.consecutiveFailures} failed attempts in a row since ${subscription.failingSince!.toISOString()}`;
    const { affected } = await this.subscriptions.update(
      { id: subscription.id, status: 'active' },
      { status: 'disabled', disabledReason: reason },
    );
    if (!affected) return; // another worker turned it off and told them
    await this.deliveries.update(
      { subscriptionId: subscription.id, status: 'pending' },
      { status: 'failed', nextAttemptAt: null, responseExcerpt: 'not sent: the subscription was turned off' },
    );
    this.logger.warn(`subscription ${subscription.id} to ${subscription.targetUrl}: ${reason}`);
    await this.activity.record(subscription.workspaceId, null, {
      action: 'subscription.disabled',
      targetType: 'subscription',
      targetId: subscription.id,
      details: { event: subscription.event, targetUrl: subscription.targetUrl, reason },
    });
    await this.tellOwner(subscription, reason);
  }

  /** Whoever subscribed (the user behind the API key); owners and admins if they left the workspace. */
  private async tellOwner(subscription: Subscription, reason: string): Promise<void> {
    const notice = {
      kind: 'subscription_disabled' as const,
      key: `subscription.disabled:${subscription.id}:${subscription.failingSince!.toISOString()}`,
      title: `A ${subscription.event} subscription was turned off`,
      body: `Deliveries to ${new URL(subscription.targetUrl).host} kept failing. ${reason}. Check the Zap, scenario or workflow behind it, then turn it back on under Integrations.`,
      link: `/w/${subscription.workspaceId}/integrations`,
    };
    const member = await this.dataSource.manager.existsBy(Membership, {
      workspaceId: subscription.workspaceId,
      userId: subscription.createdById,
    });
    if (member) await this.notifications.notifyUsers(subscription.workspaceId, [subscription.createdById], notice);
    else await this.notifications.notify(subscription.workspaceId, { ...notice, roles: ['owner', 'admin'] });
  }
}
