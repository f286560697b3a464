/**
 * The events a REST hook can subscribe to. The body of every delivery is
 * `{ id, event, occurredAt, workspaceId, data }`; `data` has the shape of the event's sample below
 * (documented in README.md and docs/integrations/zapier-make-n8n.md; fields are only ever added).
 */
export const SUBSCRIPTION_EVENTS = [
  'post.published',
  'post.failed',
  'approval.requested',
  'approval.decided',
  'run.failed',
  'account.needs_reconnect',
] as const;
export type SubscriptionEvent = (typeof SUBSCRIPTION_EVENTS)[number];

export interface DeliveryBody {
  /** The delivery's id, also sent as `X-Delivery-Id`: the same on every retry, so a receiver can drop repeats. */
  id: string;
  event: SubscriptionEvent;
  occurredAt: string;
  workspaceId: string;
  data: Record<string, unknown>;
}

const POST = {
  postId: '01939a7e-5b1c-7d2e-9f00-000000000001',
  variantId: '01939a7e-5b1c-7d2e-9f00-000000000002',
  accountId: '01939a7e-5b1c-7d2e-9f00-000000000003',
  accountName: 'Acme on Mastodon',
  network: 'mastodon',
  text: 'Our autumn menu is here: pumpkin soup is back.',
  link: 'https://app.example.com/w/01939a7e-5b1c-7d2e-9f00-00000000000a/posts/01939a7e-5b1c-7d2e-9f00-000000000001',
};

/** What each event's `data` holds, with realistic values: Zapier's "perform list" and the docs show these. */
export const SAMPLE_DATA: Record<SubscriptionEvent, Record<string, unknown>> = {
  'post.published': { ...POST, externalUrl: 'https://mastodon.social/@acme/113456789012345678' },
  'post.failed': {
    ...POST,
    failureCode: 'REAUTH_REQUIRED',
    reason: 'The network no longer accepts the account’s sign-in.',
  },
  'approval.requested': {
    approvalId: '01939a7e-5b1c-7d2e-9f00-000000000004',
    postId: POST.postId,
    text: POST.text,
    requestedBy: '01939a7e-5b1c-7d2e-9f00-000000000005',
    message: 'Please check the price before Friday',
    link: POST.link,
  },
  'approval.decided': {
    approvalId: '01939a7e-5b1c-7d2e-9f00-000000000004',
    postId: POST.postId,
    text: POST.text,
    decision: 'approved',
    reason: null,
    link: POST.link,
  },
  'run.failed': {
    runId: '01939a7e-5b1c-7d2e-9f00-000000000006',
    automationId: '01939a7e-5b1c-7d2e-9f00-000000000007',
    automationName: 'Blog post to socials',
    outcome: 'failed',
    reason: 'step "AI caption" failed: the provider answered 503',
    link: 'https://app.example.com/w/01939a7e-5b1c-7d2e-9f00-00000000000a/automations/01939a7e-5b1c-7d2e-9f00-000000000007/runs',
  },
  'account.needs_reconnect': {
    accountId: POST.accountId,
    accountName: POST.accountName,
    network: POST.network,
    reason: 'The access token was revoked',
    link: 'https://app.example.com/w/01939a7e-5b1c-7d2e-9f00-00000000000a/accounts',
  },
};
