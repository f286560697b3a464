import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '../activity/activity.module';
import { secretBoxProvider } from '../accounts/secret-box.provider';
import { NotificationsModule } from '../notifications/notifications.module';
import { SubscriptionDeliveries } from './subscription-deliveries';
import { SubscriptionDelivery } from './subscription-delivery.entity';
import { SubscriptionEventHandlers } from './subscription-event-handlers';
import { SubscriptionFanout } from './subscription-fanout';
import { SubscriptionHealth } from './subscription-health';
import { Subscription } from './subscription.entity';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

/** REST hook subscriptions for Zapier, Make and n8n: outbound events, signed, retried, watched. */
@Module({
  imports: [TypeOrmModule.forFeature([Subscription, SubscriptionDelivery]), NotificationsModule, ActivityModule],
  controllers: [SubscriptionsController],
  providers: [
    secretBoxProvider,
    SubscriptionsService,
    SubscriptionFanout,
    SubscriptionEventHandlers,
    SubscriptionDeliveries,
    SubscriptionHealth,
  ],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
