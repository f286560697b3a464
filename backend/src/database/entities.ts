import { ANALYTICS_ENTITIES } from '../analytics/analytics-entities';
import { AnalyticsReportSchedule } from '../analytics/reports/analytics-report-schedule.entity';
import { AnalyticsReport } from '../analytics/reports/analytics-report.entity';
import { OAuthAttempt } from '../accounts/oauth-attempt.entity';
import { MastodonApp } from '../connectors/mastodon/mastodon-app.entity';
import { SocialAccount } from '../accounts/social-account.entity';
import { ActivityEntry } from '../activity/activity-entry.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { ApprovalLink } from '../approvals/approval-link.entity';
import { Approval } from '../approvals/approval.entity';
import { PostComment } from '../approvals/post-comment.entity';
import { AiSettings } from '../automations/ai-settings.entity';
import { AutomationVersion } from '../automations/automation-version.entity';
import { Automation } from '../automations/automation.entity';
import { TriggerKey } from '../automations/trigger-key.entity';
import { AutomationHook, HookDelivery } from '../automations/hook.entity';
import { RunStep } from '../automations/run-step.entity';
import { RunWait } from '../automations/run-wait.entity';
import { Run } from '../automations/run.entity';
import { TriggerState } from '../automations/trigger-state.entity';
import { FeedStatus } from '../automations/triggers/feed-status.entity';
import { NodeSample } from '../automations/samples/node-sample.entity';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { NetworkQuotaUsage } from '../connectors/network-state/quota-usage.entity';
import { NetworkUploadSession } from '../connectors/network-state/upload-session.entity';
import { PasswordResetToken } from '../identity/password-reset-token.entity';
import { RefreshToken } from '../identity/refresh-token.entity';
import { User } from '../identity/user.entity';
import { Invite } from '../invites/invite.entity';
import { AgendaJob } from '../jobs/agenda-job.entity';
import { OutboxAttachment } from '../mail/outbox-attachment.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { MediaFolder } from '../media/media-folder.entity';
import { MediaItem } from '../media/media-item.entity';
import { MediaTag } from '../media/media-tag.entity';
import { Notification } from '../notifications/notification.entity';
import { NotificationPreference } from '../notifications/notification-preference.entity';
import { NotificationReceipt } from '../notifications/notification-receipt.entity';
import { Label } from '../posts/label.entity';
import { PostLabel } from '../posts/post-label.entity';
import { PostVariant } from '../posts/post-variant.entity';
import { PostVariantMedia } from '../posts/post-variant-media.entity';
import { Post } from '../posts/post.entity';
import { PublishJob } from '../publishing/publish-job.entity';
import { QueueSlot } from '../scheduling/queue-slot.entity';
import { Schedule } from '../scheduling/schedule.entity';
import { CustomRole } from '../workspaces/custom-role.entity';
import { Membership } from '../workspaces/membership.entity';
import { Workspace } from '../workspaces/workspace.entity';
import { PostTemplate } from '../post-templates/post-template.entity';
import { HashtagGroup } from '../hashtags/hashtag-group.entity';
import { HashtagUse } from '../hashtags/hashtag-use.entity';
import { PostHashtag } from '../hashtags/post-hashtag.entity';
import { SubscriptionDelivery } from '../subscriptions/subscription-delivery.entity';
import { Subscription } from '../subscriptions/subscription.entity';
import { Foundation1764028800000 } from './migrations/1764028800000-Foundation';
import { AgendaJobs1764115200000 } from './migrations/1764115200000-AgendaJobs';
import { Posting1764201600000 } from './migrations/1764201600000-Posting';
import { Automation1764288000000 } from './migrations/1764288000000-Automation';
import { ListIndexes1764374400000 } from './migrations/1764374400000-ListIndexes';
import { FeedStatus1764460800000 } from './migrations/1764460800000-FeedStatus';
import { RunStepPages1764547200000 } from './migrations/1764547200000-RunStepPages';
import { NotificationKinds1764979200000 } from './migrations/1764979200000-NotificationKinds';
import { ApprovalPolicy1765152000000 } from './migrations/1765152000000-ApprovalPolicy';
import { SandboxPostOptions1765324800000 } from './migrations/1765324800000-SandboxPostOptions';
import { MastodonApps1766793600000 } from './migrations/1766793600000-MastodonApps';
import { MediaLibrary1765238400000 } from './migrations/1765238400000-MediaLibrary';
import { ComposerAssist1765411200000 } from './migrations/1765411200000-ComposerAssist';
import { CalendarKeysIndex1765497600000 } from './migrations/1765497600000-CalendarKeysIndex';
import { AutomationTemplateOrigin1765670400000 } from './migrations/1765670400000-AutomationTemplateOrigin';
import { VariantMediaIndex1765756800000 } from './migrations/1765756800000-VariantMediaIndex';
import { Analytics1765843200000 } from './migrations/1765843200000-Analytics';
import { AnalyticsReports1765929600000 } from './migrations/1765929600000-AnalyticsReports';
import { Subscriptions1766275200000 } from './migrations/1766275200000-Subscriptions';
import { NodeSamples1766361600000 } from './migrations/1766361600000-NodeSamples';
import { NetworkUploadSessions1766966400000 } from './migrations/1766966400000-NetworkUploadSessions';
import { RunTestsAndSearch1766448000000 } from './migrations/1766448000000-RunTestsAndSearch';
import { AnalyticsWorkspaceDays1767139200000 } from './migrations/1767139200000-AnalyticsWorkspaceDays';
import { AnalyticsReadIndexes1766016000000 } from './migrations/1766016000000-AnalyticsReadIndexes';

/** Every entity and migration, listed once so the app, the CLI data source and tests agree. */
export const ENTITIES = [
  User,
  RefreshToken,
  PasswordResetToken,
  Workspace,
  Membership,
  CustomRole,
  Invite,
  ApiKey,
  ActivityEntry,
  OutboxEmail,
  AgendaJob,
  SocialAccount,
  OAuthAttempt,
  MastodonApp,
  Label,
  Post,
  PostLabel,
  PostVariant,
  PostVariantMedia,
  Schedule,
  QueueSlot,
  PublishJob,
  MediaItem,
  MediaFolder,
  MediaTag,
  SandboxPost,
  NetworkUploadSession,
  NetworkQuotaUsage,
  Automation,
  AutomationVersion,
  Run,
  RunStep,
  RunWait,
  AutomationHook,
  HookDelivery,
  Approval,
  ApprovalLink,
  PostComment,
  Notification,
  NotificationPreference,
  NotificationReceipt,
  TriggerState,
  AiSettings,
  TriggerKey,
  FeedStatus,
  NodeSample,
  PostTemplate,
  HashtagGroup,
  HashtagUse,
  PostHashtag,
  ...ANALYTICS_ENTITIES,
  AnalyticsReport,
  AnalyticsReportSchedule,
  OutboxAttachment,
  Subscription,
  SubscriptionDelivery,
];

export const MIGRATIONS = [
  Foundation1764028800000,
  AgendaJobs1764115200000,
  Posting1764201600000,
  Automation1764288000000,
  ListIndexes1764374400000,
  FeedStatus1764460800000,
  RunStepPages1764547200000,
  NotificationKinds1764979200000,
  ApprovalPolicy1765152000000,
  MediaLibrary1765238400000,
  SandboxPostOptions1765324800000,
  ComposerAssist1765411200000,
  CalendarKeysIndex1765497600000,
  AutomationTemplateOrigin1765670400000,
  VariantMediaIndex1765756800000,
  Analytics1765843200000,
  AnalyticsReports1765929600000,
  AnalyticsReadIndexes1766016000000,
  Subscriptions1766275200000,
  NodeSamples1766361600000,
  RunTestsAndSearch1766448000000,
  MastodonApps1766793600000,
  NetworkUploadSessions1766966400000,
  AnalyticsWorkspaceDays1767139200000,
];
