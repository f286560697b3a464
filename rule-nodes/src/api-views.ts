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
  createdAt: string;
  updatedAt: string;
}

export interface AutomationSummary {
  id: string;
  name: string;
  enabled: boolean;
  publishedVersion: number | null;
  updatedAt: string;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
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
