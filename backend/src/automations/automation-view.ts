import type {
  AutomationSummary,
  AutomationVersionView,
  AutomationView,
  RunStepView,
  RunView,
} from '@socialorchestrator/rule-nodes';
import type { Automation } from './automation.entity';
import type { AutomationVersion } from './automation-version.entity';
import type { RunStep } from './run-step.entity';
import type { Run } from './run.entity';

export const automationView = (
  a: Automation,
  hook: AutomationView['hook'],
  feeds: AutomationView['feeds'],
  samples: AutomationView['samples'],
): AutomationView => ({
  id: a.id,
  name: a.name,
  enabled: a.enabled,
  graph: a.graph,
  publishedVersion: a.publishedVersion,
  hook,
  feeds,
  samples,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

export type { AutomationSummary, AutomationView, RunStepView, RunView };

export const versionView = (v: AutomationVersion): AutomationVersionView => ({
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
  test: r.draftGraph !== null && r.draftGraph !== undefined,
  retryOf: r.retryOf ?? null,
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
