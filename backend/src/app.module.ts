import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';
import { AccessModule } from './access/access.module';
import { redactRequest } from './access/url-redaction';
import { ActivityModule } from './activity/activity.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AnalyticsReadsModule } from './analytics/analytics-reads/analytics-reads.module';
import { DemoHistoryModule } from './analytics/demo-history/demo-history.module';
import { ReportsModule } from './analytics/reports/reports.module';
import { AccountsModule } from './accounts/accounts.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { AutomationsModule } from './automations/automations.module';
import { InboundHooksModule } from './automations/inbound/inbound-hooks.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { JobsModule } from './jobs/jobs.module';
import { PostsModule } from './posts/posts.module';
import { LinkPreviewsModule } from './link-previews/link-previews.module';
import { PostTemplatesModule } from './post-templates/post-templates.module';
import { HashtagsModule } from './hashtags/hashtags.module';
import { MediaModule } from './media/media.module';
import { PublishingModule } from './publishing/publishing.module';
import { ProblemFilter } from './common/problem.filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { IdentityModule } from './identity/identity.module';
import { InvitesModule } from './invites/invites.module';
import { MailModule } from './mail/mail.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RuntimeModule } from './runtime/runtime.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { WebAppModule } from './web-app/web-app.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  /** `role` decides what runs here: the API migrates and serves; a worker only processes jobs. */
  static forRoot(config: AppConfig, role: 'api' | 'worker' = 'api'): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventEmitterModule.forRoot(),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // Approval-link and invite tokens, media signatures and OAuth codes ride in URLs.
            serializers: { req: redactRequest },
            autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
          },
        }),
        DatabaseModule.forRoot({ runMigrations: role === 'api' }),
        InboundHooksModule,
        IdentityModule,
        MailModule,
        ActivityModule,
        WorkspacesModule,
        InvitesModule,
        ApiKeysModule,
        AccessModule,
        HealthModule,
        RuntimeModule,
        JobsModule,
        ConnectorsModule,
        AccountsModule,
        PostsModule,
        LinkPreviewsModule,
        PostTemplatesModule,
        HashtagsModule,
        MediaModule,
        PublishingModule,
        NotificationsModule,
        ApprovalsModule,
        AutomationsModule,
        AnalyticsModule,
        AnalyticsReadsModule,
        DemoHistoryModule,
        ReportsModule,
        SubscriptionsModule,
        HomeModule,
        ...(config.webDistDir ? [WebAppModule.forRoot(config.webDistDir)] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
