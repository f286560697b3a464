import type { Principal } from '../access/access-context';
import type { ScheduleInputDto } from '../posts/posts.dto';

/**
 * Events one context announces and others react to, in process (@nestjs/event-emitter).
 * Reactions that must outlive the process write to the database (a queued automation run).
 */
export const POST_LIFECYCLE = 'post.lifecycle';

/** Why a post variant failed for good, as the publishing engine classifies it. */
export type PublishFailureCode =
  | 'REAUTH_REQUIRED'
  | 'ACCOUNT_UNAVAILABLE'
  | 'INVALID_POST'
  | 'REJECTED'
  | 'RETRIES_EXHAUSTED'
  | 'NETWORK_NOT_CONFIGURED'
  | 'ACCOUNT_DISCONNECTED';

export interface PostLifecycleEvent {
  event: 'published' | 'failed' | 'approved' | 'declined';
  workspaceId: string;
  postId: string;
  variantId: string | null;
  accountId: string | null;
  /** Why it failed or was declined. */
  reason: string | null;
  /** What kind of failure (`failed` only): decides what the author is told to do about it. */
  failureCode?: PublishFailureCode;
  /** Names this one happening (a job's attempt, an approval), so a handler acts on it once. */
  key?: string;
}

/** Analytics announces a post variant's latest metrics; metric-threshold triggers react. */
export const POST_METRICS = 'post.metrics';

export interface PostMetricsEvent {
  workspaceId: string;
  postId: string;
  variantId: string;
  accountId: string;
  /** impressions, reach, likes, comments, shares, clicks — as counted now. */
  metrics: Record<string, number>;
}

/**
 * The `post.metrics` events of one ingest batch, announced once after them: metric-threshold
 * triggers read a workspace's live nodes and taken keys once per batch rather than per post.
 */
export const POST_METRICS_BATCH = 'post.metrics.batch';

export interface PostMetricsBatchEvent {
  events: PostMetricsEvent[];
}

/**
 * A member moved a post on the board into "Pending approval" (`entered`) or out of it: approvals
 * opens a request (as POST /approvals does) or withdraws the open ones. Posts cannot call approvals
 * (approvals depends on posts), hence an event.
 */
export const POST_APPROVAL_MOVE = 'post.approval_move';

export interface PostApprovalMoveEvent {
  workspaceId: string;
  postId: string;
  entered: boolean;
  /** Who moved it. */
  actor: Principal;
  /** A schedule the approval policy held: the request keeps it and approving applies it. */
  schedule?: ScheduleInputDto;
}

/** Approvals asked for a decision on a post: the members who may decide are told. */
export const APPROVAL_REQUESTED = 'approval.requested';

export interface ApprovalRequestedEvent {
  workspaceId: string;
  approvalId: string;
  postId: string;
  /** Who asked (not told about their own request); null for an automation. */
  requestedBy: string | null;
  message: string | null;
}

/**
 * An account was just marked as needing reconnecting (the network refused its token, or renewing
 * it failed): publishing to it waits for a person. Announced once per change of state.
 */
export const ACCOUNT_NEEDS_RECONNECT = 'account.needs_reconnect';

export interface AccountNeedsReconnectEvent {
  workspaceId: string;
  accountId: string;
  /** In the network's (or the refresh's) words. */
  reason: string;
  /** Names this one happening, so a handler acts on it once. */
  key: string;
}

/** An automation run failed or was stopped (flood, loop, timeout, step limit). */
export const RUN_PROBLEM = 'automation.run_problem';

export interface RunProblemEvent {
  workspaceId: string;
  automationId: string;
  automationName: string;
  runId: string;
  outcome: 'failed' | 'stopped';
  /** Why, in the runtime's words. */
  reason: string;
  /** The failed step's name, when a step failed. */
  step?: string | null;
  /** Roles to tell (the automation's notify error handler); owners and admins when absent. */
  tell?: string[];
  /** Why the automation's error handler could not start (it is off, unpublished, has no trigger). */
  handlerProblem?: string | null;
}

/**
 * Posts were saved or deleted (one from the composer, a batch from an import): each with its texts
 * now, the shared one and each variant's own, or null when deleted. The hashtags context counts the
 * workspace's hashtag use from it.
 */
export const POST_TEXTS_SAVED = 'post.texts_saved';

export interface PostTextsSavedEvent {
  workspaceId: string;
  at: Date;
  posts: Array<{ postId: string; texts: string[] | null }>;
}

/** Analytics read an account's own figures for a workspace-local day (the daily stats job). */
export const ACCOUNT_STATS = 'account.stats';

export interface AccountStatsEvent {
  workspaceId: string;
  accountId: string;
  /** YYYY-MM-DD in the workspace's time zone. */
  day: string;
  stats: { followers: number | null; following: number | null; posts: number | null; profileViews: number | null };
}

/** A workspace's time zone changed: analytics re-places its posts' local hours (best-time heatmap). */
export const WORKSPACE_ZONE_CHANGED = 'workspace.zone_changed';

export interface WorkspaceZoneChangedEvent {
  workspaceId: string;
  from: string;
  to: string;
}
