import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { LiveNotifications } from './live-notifications';
import { LimitWatch } from './limit-watch';
import { LimitsController } from './limits.controller';
import { NavBadgesController } from './nav-badges.controller';
import { NotificationDigest } from './notification-digest';
import { NotificationHandlers } from './notification-handlers';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationReceipt } from './notification-receipt.entity';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Notification, NotificationPreference, NotificationReceipt]),
    MailModule,
    WorkspacesModule,
  ],
  controllers: [NotificationsController, NotificationPreferencesController, NavBadgesController, LimitsController],
  providers: [
    LiveNotifications,
    NotificationsService,
    NotificationPreferencesService,
    NotificationHandlers,
    NotificationDigest,
    LimitWatch,
  ],
  exports: [NotificationsService, LimitWatch],
})
export class NotificationsModule {}
