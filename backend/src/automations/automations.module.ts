import { Module, OnModuleInit } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { titlesFrom } from '../activity/subject-titles';
import { AccountsModule } from '../accounts/accounts.module';
import { ActivityModule } from '../activity/activity.module';
import { ActivityService } from '../activity/activity.service';
import { ApprovalsModule } from '../approvals/approvals.module';
import { MailModule } from '../mail/mail.module';
import { MediaModule } from '../media/media.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PostsModule } from '../posts/posts.module';
import { RuntimeModule } from '../runtime/runtime.module';
import { PostPerformanceModule } from '../analytics/post-performance.module';
import { ActionHandlers } from './actions/action-handlers';
import { DryRunActions } from './actions/dry-run-actions';
import { TestRuns } from './test-runs.service';
import { AnalyticsActions } from './actions/analytics-actions';
import { CaptionActions } from './actions/caption-actions';
import { OutboundWebhooks } from './actions/outbound-webhooks';
import { AiAssistController, AiSettingsTestController } from './ai-assist.controller';
import { AiAssist } from './ai-assist.service';
import { AiSettingsController, WebhookSecretController } from './ai-settings.controller';
import { AiSettings } from './ai-settings.entity';
import { AiSettingsService } from './ai-settings.service';
import { MessageActions } from './actions/message-actions';
import { CollectActions } from './actions/collect-actions';
import { DayCheckActions } from './actions/day-check-actions';
import { RotationActions } from './actions/rotation-actions';
import { PostActions } from './actions/post-actions';
import { WaitingActions } from './actions/waiting-actions';
import { AutomationEngine } from './automation-engine';
import { ErrorHandlers } from './error-handlers';
import { AutomationFiles } from './automation-files.service';
import { AutomationFilesController } from './automation-files.controller';
import { AutomationTriggers } from './automation-triggers';
import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { AutomationsController } from './automations.controller';
import { AutomationTemplatesController } from './templates/automation-templates.controller';
import { AutomationTemplates } from './templates/automation-templates.service';
import { AutomationsService } from './automations.service';
import { FlowDeployer } from './flow-deployer';
import { AutomationHook, HookDelivery } from './hook.entity';
import { RunStep } from './run-step.entity';
import { RunWait } from './run-wait.entity';
import { Run } from './run.entity';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';
import { RuntimeActions } from './runtime-actions';
import { runtimeTokensProvider } from './runtime-tokens.provider';
import { TriggerState } from './trigger-state.entity';
import { PostEventTrigger } from './triggers/post-event-trigger';
import { ScheduleTrigger } from './triggers/schedule-trigger';
import { FeedTrigger } from './triggers/feed-trigger';
import { FeedHealth } from './triggers/feed-health';
import { FeedStatus } from './triggers/feed-status.entity';
import { MetricThresholdTrigger } from './triggers/metric-threshold-trigger';
import { TriggerKey } from './trigger-key.entity';
import { NodeSample } from './samples/node-sample.entity';
import { NodeSamplesController, TestDeliveryController } from './samples/node-samples.controller';
import { NodeSamples } from './samples/node-samples.service';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { HashtagsModule } from '../hashtags/hashtags.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Automation,
      AutomationVersion,
      Run,
      RunStep,
      RunWait,
      AutomationHook,
      HookDelivery,
      TriggerState,
      AiSettings,
      TriggerKey,
      FeedStatus,
      NodeSample,
    ]),
    AccountsModule,
    ActivityModule,
    ApprovalsModule,
    MailModule,
    MediaModule,
    NotificationsModule,
    PostsModule,
    RuntimeModule,
    WorkspacesModule,
    HashtagsModule,
    PostPerformanceModule,
  ],
  controllers: [
    AiSettingsController,
    AiSettingsTestController,
    AiAssistController,
    WebhookSecretController,
    AutomationTemplatesController,
    AutomationFilesController,
    AutomationsController,
    RunsController,
    NodeSamplesController,
    TestDeliveryController,
  ],
  providers: [
    AutomationsService,
    AutomationTriggers,
    AutomationEngine,
    ErrorHandlers,
    AutomationFiles,
    FlowDeployer,
    RunsService,
    RuntimeActions,
    ActionHandlers,
    DryRunActions,
    TestRuns,
    PostActions,
    RotationActions,
    DayCheckActions,
    CollectActions,
    WaitingActions,
    MessageActions,
    runtimeTokensProvider,
    ScheduleTrigger,
    FeedTrigger,
    FeedHealth,
    MetricThresholdTrigger,
    PostEventTrigger,
    AiSettingsService,
    CaptionActions,
    AnalyticsActions,
    AiAssist,
    OutboundWebhooks,
    AutomationTemplates,
    NodeSamples,
  ],
  exports: [AutomationEngine, AutomationTriggers, AutomationsService, NodeSamples],
})
export class AutomationsModule implements OnModuleInit {
  constructor(
    private readonly activity: ActivityService,
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
  ) {}

  /** The activity log names automations by their name now, with a link while they exist. */
  onModuleInit(): void {
    this.activity.registerSubjects(
      'automation',
      titlesFrom(this.automations, ['name'], (a) => a.name),
    );
  }
}
