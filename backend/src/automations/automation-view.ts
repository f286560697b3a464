import type { Automation } from './automation.entity';
import type { AutomationVersion } from './automation-version.entity';
import type { Graph } from './graph';
import type { RunStep } from './run-step.entity';
import type { Run, RunStatus } from './run.entity';

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

export const automationView = (a: Automation, hook: AutomationView['hook']): AutomationView => ({
  id: a.id,
  name: a.name,
  enabled: a.enabled,
  graph: a.graph,
  publishedVersion: a.publishedVersion,
  hook,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export const versionView = (v: AutomationVersion) => ({
  version: v.version,
  publishedAt: v.publishedAt.toISOString(),
  publishedBy: v.publishedBy,
});

export const runView = (r: Run): RunView => ({
  id: r.id,
  automationId: r.automationId,
  version: r.version,
  status: r.status,
  triggerNodeId: r.triggerNodeId,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  error: r.error,
});

export const stepView = (s: RunStep): RunStepView => ({
  id: s.id,
  nodeId: s.nodeId,
  nodeType: s.nodeType,
  port: s.port,
  input: s.input,
  output: s.output,
  startedAt: s.startedAt.toISOString(),
  durationMs: s.durationMs,
  error: s.error,
});
