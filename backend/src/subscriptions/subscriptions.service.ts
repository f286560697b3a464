import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../access/access-context';
import { SECRET_BOX } from '../accounts/secret-box.provider';
import { type ActivityAction, ActivityService } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import { newId } from '../common/ids';
import { findPage, mapPage, type Page, type PageQuery } from '../common/pagination';
import { PrivateUrlError, publicUrl } from '../common/public-url';
import type { SecretBox } from '../common/secret-box';
import { randomToken } from '../common/secrets';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SubscriptionDelivery } from './subscription-delivery.entity';
import { Subscription } from './subscription.entity';
import { CreatedSubscriptionDto, CreateSubscriptionDto, DeliveryDto, SubscriptionDto } from './subscriptions.dto';
import { SubscriptionsError } from './subscriptions.errors';

/** Enough for every Zap, scenario and workflow of a team; a runaway integration stops here. */
export const MAX_SUBSCRIPTIONS = 100;
const RECENT_DELIVERIES = 5;

/** REST hook subscriptions of a workspace: subscribe, list, unsubscribe, turn back on. */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectRepository(Subscription) private readonly subscriptions: Repository<Subscription>,
    @InjectRepository(SubscriptionDelivery) private readonly deliveries: Repository<SubscriptionDelivery>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly activity: ActivityService,
  ) {}

  async create(workspaceId: string, actor: Principal, input: CreateSubscriptionDto): Promise<CreatedSubscriptionDto> {
    if ((await this.subscriptions.countBy({ workspaceId })) >= MAX_SUBSCRIPTIONS) {
      throw new SubscriptionsError('TOO_MANY', `A workspace can have ${MAX_SUBSCRIPTIONS} subscriptions`);
    }
    await this.checkTarget(input.targetUrl);
    const secret = randomToken();
    const subscription = this.subscriptions.create({
      id: newId(),
      workspaceId,
      event: input.event,
      targetUrl: input.targetUrl,
      secretSealed: this.secrets.seal(secret),
      createdById: actor.userId,
      status: 'active',
      disabledReason: null,
      consecutiveFailures: 0,
      failingSince: null,
      lastDeliveryAt: null,
    });
    await this.subscriptions.insert(subscription);
    await this.record(workspaceId, actor, 'subscription.created', subscription);
    return { ...(await this.view(await this.load(workspaceId, subscription.id))), secret };
  }

  async list(workspaceId: string): Promise<SubscriptionDto[]> {
    const rows = await this.subscriptions.find({ where: { workspaceId }, order: { id: 'DESC' } });
    return Promise.all(rows.map((s) => this.view(s)));
  }

  /** Unsubscribing is what Zapier does when a Zap is turned off: the row and its deliveries go. */
  async remove(workspaceId: string, actor: Principal, id: string): Promise<void> {
    const subscription = await this.load(workspaceId, id);
    const { affected } = await this.subscriptions.delete({ workspaceId, id });
    if (!affected) throw notFound('Subscription');
    await this.record(workspaceId, actor, 'subscription.deleted', subscription);
  }

  /** Turns a subscription that failed too often back on, with a clean failure count. */
  async enable(workspaceId: string, actor: Principal, id: string): Promise<SubscriptionDto> {
    const subscription = await this.load(workspaceId, id);
    await this.subscriptions.update(
      { id: subscription.id },
      { status: 'active', disabledReason: null, consecutiveFailures: 0, failingSince: null },
    );
    if (subscription.status === 'disabled') {
      await this.record(workspaceId, actor, 'subscription.enabled', subscription);
    }
    return this.view(await this.load(workspaceId, id));
  }

  async deliveriesOf(workspaceId: string, id: string, query: PageQuery): Promise<Page<DeliveryDto>> {
    const subscription = await this.load(workspaceId, id);
    const page = await findPage(this.deliveries, { subscriptionId: subscription.id }, query);
    return mapPage(page, (d) => deliveryView(d, subscription));
  }

  /** The secret a delivery is signed with. */
  secretOf(subscription: Subscription): string {
    return this.secrets.open(subscription.secretSealed);
  }

  /** The log says who sent the workspace's events where; the system is the actor of a 410 or a turn-off. */
  record(
    workspaceId: string,
    actor: Principal | null,
    action: Extract<ActivityAction, `subscription.${string}`>,
    s: Subscription,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.activity.record(workspaceId, actor, {
      action,
      targetType: 'subscription',
      targetId: s.id,
      details: { event: s.event, targetUrl: s.targetUrl, ...details },
    });
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await publicUrl(url, { allowPrivate: this.config.allowPrivateUrls });
    } catch (error) {
      if (!(error instanceof PrivateUrlError)) throw error;
      throw new SubscriptionsError('TARGET_NOT_PUBLIC', error.message, [
        { field: 'targetUrl', message: error.message },
      ]);
    }
  }

  private async load(workspaceId: string, id: string): Promise<Subscription> {
    const subscription = await this.subscriptions.findOneBy({ workspaceId, id });
    if (!subscription) throw notFound('Subscription');
    return subscription;
  }

  private async view(s: Subscription): Promise<SubscriptionDto> {
    const recent = await this.deliveries.find({
      where: { subscriptionId: s.id },
      order: { id: 'DESC' },
      take: RECENT_DELIVERIES,
    });
    return {
      id: s.id,
      event: s.event,
      targetUrl: s.targetUrl,
      status: s.status,
      disabledReason: s.disabledReason,
      consecutiveFailures: s.consecutiveFailures,
      lastDeliveryAt: s.lastDeliveryAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
      recentDeliveries: recent.map((d) => deliveryView(d, s)),
    };
  }
}

const deliveryView = (d: SubscriptionDelivery, s: Subscription): DeliveryDto => ({
  id: d.id,
  event: s.event,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  responseExcerpt: d.responseExcerpt,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  body: d.body,
});
