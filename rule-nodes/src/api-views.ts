import type { Graph } from './graph';

/**
 * The automation API's response shapes (`/api/v1/automations`, `/api/v1/runs`): the backend
 * serves them, the web app reads them; one definition for both.
 */

/**
 * `queued` until a process with the flow runtime hands it over; `running` while messages are in flight;
 * `waiting` while parked (approval, long delay); `interrupted` when the runtime stopped under it
 * (never silently lost); `stopped` by a limit.
 */
export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'interrupted' | 'stopped';

export interface AutomationView {
  id: string;
  name: string;
  enabled: boolean;
  graph: Graph;
  publishedVersion: number | null;
  hook: { hookId: string; url: string } | null;
  /** The health of each feed trigger (`rss-in` node) of the graph that has been checked. */
  feeds: FeedStatusView[];
  /** The sample data of the draft's trigger nodes (pinned data): what the field picker shows and a test runs on. */
  samples: NodeSampleView[];
  createdAt: string;
  updatedAt: string;
}

/**
 * A trigger node's sample, kept with the draft: `fetch` (an RSS feed's latest item), `pasted`
 * JSON, a `test-delivery` to the webhook's test URL, or the catalog's realistic `example`.
 */
export interface NodeSampleView {
  nodeId: string;
  source: 'fetch' | 'pasted' | 'test-delivery' | 'example';
  /** The payload as the trigger sends it; null while the first test delivery is awaited. */
  payload: Record<string, unknown> | null;
  capturedAt: string | null;
  /** Set while a test delivery is awaited: where to send it (no signature needed), until when, and a ready curl. */
  waiting: { url: string; until: string; curl: string } | null;
}

/**
 * One feed trigger's last check. A feed that cannot be read starts no run, so this is where it
 * shows: the error, how many checks failed in a row, and when it is tried again (backing off).
 */
export interface FeedStatusView {
  nodeId: string;
  feedUrl: string;
  checkedAt: string;
  /** Why the last check failed; null when it read the feed. */
  error: string | null;
  failures: number;
  /** The last check that read the feed; null if none has yet. */
  lastOkAt: string | null;
  nextCheckAt: string;
  /** Items the last good check read, and those it left out with the reason. */
  items: number;
  skipped: Array<{ item: string; reason: string }>;
}

export interface AutomationSummary {
  id: string;
  name: string;
  enabled: boolean;
  publishedVersion: number | null;
  updatedAt: string;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
  /** Feed triggers whose last check failed. */
  failingFeeds: number;
}

export interface AutomationVersionView {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface RunView {
  id: string;
  automationId: string;
  version: number;
  status: RunStatus;
  triggerNodeId: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** A test of the draft: a dry run whose actions were simulated (their steps say what they would have done). */
  test: boolean;
  /** The run this one retried from its failed step. */
  retryOf: string | null;
}

export interface RunStepView {
  id: string;
  nodeId: string;
  nodeType: string;
  port: string | null;
  input: unknown;
  output: unknown;
  startedAt: string;
  durationMs: number;
  error: string | null;
}

/**
 * A run with a page of its steps, oldest first: a run may have thousands, so they come
 * `limit` at a time (default 100); `nextStepsCursor` asks for the next page (`?cursor=`).
 */
export interface RunDetailView extends RunView {
  steps: RunStepView[];
  nextStepsCursor: string | null;
  /** The graph the run went through (a test's draft, else its published version), to show it on the canvas. */
  graph: Graph | null;
}
