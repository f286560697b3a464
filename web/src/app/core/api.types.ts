/** Shapes of the backend's /api/v1 responses (see /api/docs for the full contract). */
export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Branding {
  logoUrl: string | null;
  primaryColor: string | null;
  accentColor: string | null;
}

export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
  firstDayOfWeek: number;
  branding: Branding;
  defaultPostingTimes: string[];
  /** Whose scheduled posts wait for approval first: everyone's (`required`) or those of `roles`. */
  approvalPolicy: ApprovalPolicy;
  role: string;
  roleName: string;
  permissions: string[];
  createdAt: string;
}

export interface ApprovalPolicy {
  required: boolean;
  /** Built-in role keys or custom role ids. */
  roles: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
  roleName: string;
  joinedAt: string;
}

export interface Role {
  id: string;
  name: string;
  builtIn: boolean;
  permissions: string[];
}

export interface PermissionInfo {
  name: string;
  description: string;
}

export interface Invite {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  createdAt: string;
  acceptUrl?: string;
}

export interface InvitePreview {
  workspaceName: string;
  email: string;
  role: string;
  roleName: string;
  invitedBy: string | null;
  expiresAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { id: string; name: string } | null;
  key?: string;
}

export interface ActivityEntry {
  id: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  viaApiKeyId: string | null;
  targetType: string | null;
  targetId: string | null;
  /** The post, automation or account it is about, named as it is now; `exists` false once deleted. */
  subject: { type: string; id: string; title: string | null; exists: boolean } | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'logged';
  createdAt: string;
  sentAt: string | null;
}

/** The backend's one error shape (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

export type NetworkId = 'sandbox' | 'facebook' | 'instagram' | 'x' | 'linkedin';

/** One input a credentials network asks for (a bot token, an app password, a site URL). */
export interface CredentialField {
  name: string;
  label: string;
  kind: 'text' | 'secret' | 'url';
  required: boolean;
  help: string;
  placeholder?: string;
}

/** A network as GET /networks describes it: how it connects and whether this server can. */
export interface NetworkInfo {
  network: string;
  label: string;
  connect: 'demo' | 'oauth' | 'credentials';
  configured: boolean;
  /** Server variables that turn it on, when it is off. */
  settings: string[];
  credentialFields: CredentialField[];
  colour: string;
  /** The person names their own server first (Mastodon). */
  instanceUrl: boolean;
}

export interface SocialAccount {
  id: string;
  network: NetworkId;
  networkLabel: string;
  name: string;
  externalAccountId: string;
  status: 'active' | 'reauth_required' | 'disabled';
  scopes: string[];
  missingScopes: string[];
  tokenExpiresAt: string | null;
  lastRefreshAt: string | null;
  lastError: string | null;
  settings: {
    latencyMs?: number;
    failStatus?: number;
    failCount?: number;
    retryAfterSeconds?: number;
    lookup?: boolean;
    /** false: the Sandbox behaves like a token without the insights permission (metrics unavailable). */
    insights?: boolean;
  };
  demo: boolean;
  createdAt: string;
}

export interface QueueSlot {
  weekday: number;
  localTime: string;
}

export interface RuleViolation {
  field: string;
  message: string;
  limit?: number | string;
}

export type PostState = 'draft' | 'pending_approval' | 'scheduled' | 'publishing' | 'published' | 'failed';
export type VariantState = 'draft' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'needs_review';

export interface Variant {
  id: string;
  accountId: string;
  network: NetworkId;
  text: string;
  ownText: boolean;
  postType: string;
  link: string | null;
  mediaIds: string[];
  /** Poll choices and length, title, first comment … */
  options: Record<string, unknown>;
  state: VariantState;
  scheduledAt: string | null;
  publishedAt: string | null;
  externalId: string | null;
  externalUrl: string | null;
  lastError: string | null;
  problems: RuleViolation[];
}

export interface ScheduleInput {
  /** `now`: published at once (stored as a single time, the server's now). */
  type: 'now' | 'single' | 'queue' | 'best-time' | 'recurring' | 'evergreen';
  at?: string;
  rrule?: string;
  timeZone?: string;
  intervalDays?: number;
  maxRepeats?: number;
}

export interface Post {
  id: string;
  title: string | null;
  text: string;
  state: PostState;
  source: string;
  authorId: string | null;
  labels: string[];
  schedule: {
    type: ScheduleInput['type'];
    timeZone: string;
    at: string | null;
    rrule: string | null;
    evergreen: { intervalDays: number; maxRepeats: number | null; endAt: string | null } | null;
    occurrences: number;
  } | null;
  nextRunAt: string | null;
  /** Its latest approval request: a decline's note shows on the post page. */
  approval: { id: string; status: string; reason: string | null; decidedAt: string | null } | null;
  variants: Variant[];
  createdAt: string;
  updatedAt: string;
}

export interface VariantPreview {
  accountId: string;
  network: NetworkId;
  networkLabel: string;
  text: string;
  postType: string;
  length: number;
  maxLength: number;
  problems: RuleViolation[];
}

export interface CalendarEntry {
  postId: string;
  variantId: string;
  accountId: string;
  network: NetworkId;
  at: string;
  state: string;
  postType: string;
  title: string;
  /** The variant's first media item, for its thumbnail. */
  mediaId: string | null;
  repeat: boolean;
  /** A repeat's rule, put into words by shared/repeat-text.ts. */
  repeatRule: RepeatRule | null;
}

/** What an occurrence of a repeating post says of its schedule (calendar and home entries). */
export interface RepeatRule {
  type: 'recurring' | 'evergreen';
  rrule: string | null;
  intervalDays: number | null;
}

export interface Label {
  name: string;
  color: string;
}

export interface QuotaWarning {
  date: string;
  accountId: string;
  quota: string;
  count: number;
  max: number;
}

export interface PublishAttempt {
  at: string;
  durationMs: number;
  outcome: string;
  message: string | null;
}

export interface PublishJob {
  id: string;
  variantId: string;
  accountId: string;
  occurrenceAt: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  externalId: string | null;
  publishedAt: string | null;
  history: PublishAttempt[];
}

export interface MediaItem {
  id: string;
  fileName: string;
  kind: 'image' | 'gif' | 'video' | 'document';
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  url: string;
  thumbnailUrl: string | null;
}
