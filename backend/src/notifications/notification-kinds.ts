/**
 * What a notification is about. A member chooses per kind how to be told; many of one kind on one
 * day are one entry ("10 posts failed") rather than ten.
 */
export const NOTIFICATION_KINDS = [
  'post_failed',
  'account_attention',
  'approval_waiting',
  'post_approved',
  'post_declined',
  'run_problem',
  'feed_failing',
  'quota_near',
  'limit_near',
  'subscription_disabled',
  'mention',
  'team',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** in_app: the bell only; email: the bell and an email at once; digest: the bell and the daily digest email; off: nothing. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'digest', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

interface KindInfo {
  /** Shown beside the choice on the account page. */
  label: string;
  /** What a member gets before choosing. */
  channel: NotificationChannel;
  /** The title of a group of `n` (n > 1) of this kind. */
  many: (n: number) => string;
}

export const KIND_INFO: Record<NotificationKind, KindInfo> = {
  post_failed: { label: 'A post of mine failed', channel: 'email', many: (n) => `${n} posts failed` },
  account_attention: {
    label: 'An account needs reconnecting or its access expires soon',
    channel: 'email',
    many: (n) => `${n} accounts need attention`,
  },
  approval_waiting: {
    label: 'An approval is waiting for me',
    channel: 'email',
    many: (n) => `${n} approvals are waiting for you`,
  },
  post_approved: { label: 'My post was approved', channel: 'in_app', many: (n) => `${n} of your posts were approved` },
  post_declined: { label: 'My post was declined', channel: 'email', many: (n) => `${n} of your posts were declined` },
  run_problem: {
    label: 'An automation run failed or was stopped',
    channel: 'email',
    many: (n) => `${n} automation runs failed or were stopped`,
  },
  feed_failing: { label: 'A feed keeps failing', channel: 'email', many: (n) => `${n} feed problems` },
  quota_near: {
    label: 'A network quota is nearly reached',
    channel: 'in_app',
    many: (n) => `${n} quotas nearly reached`,
  },
  limit_near: {
    label: 'The workspace nears a limit (automation runs at once, API requests, its plan)',
    channel: 'in_app',
    many: (n) => `${n} limits are near`,
  },
  subscription_disabled: {
    label: 'A Zapier / Make / n8n subscription of mine was turned off after failing',
    channel: 'email',
    many: (n) => `${n} integration subscriptions were turned off`,
  },
  mention: { label: 'Someone mentioned me', channel: 'email', many: (n) => `${n} new mentions` },
  team: { label: 'Notices from automations', channel: 'email', many: (n) => `${n} notices from automations` },
};
