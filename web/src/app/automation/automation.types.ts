/** The automation API's shapes: the catalog and graph model from rule-nodes, the views as backend/automations/ serves them. */
import type { FieldSpec, Graph } from '@socialorchestrator/rule-nodes';

export type { FieldKind, FieldSpec, Graph, GraphEdge, GraphNode, NodeTypeSpec } from '@socialorchestrator/rule-nodes';

export interface Automation {
  id: string;
  name: string;
  enabled: boolean;
  graph: Graph;
  publishedVersion: number | null;
  hook: { hookId: string; url: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AutomationVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'interrupted' | 'stopped';

export interface AutomationSummary {
  id: string;
  name: string;
  enabled: boolean;
  publishedVersion: number | null;
  updatedAt: string;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
}

export interface Run {
  id: string;
  automationId: string;
  version: number;
  status: RunStatus;
  triggerNodeId: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RunStep {
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

export interface Template {
  id: string;
  title: string;
  description: string;
  category: string;
  inputs: FieldSpec[];
}

export interface Approval {
  id: string;
  postId: string;
  status: string;
  text: string;
  accounts: { id: string; name: string; network: string }[];
  message: string | null;
  requestedAt: string;
}

/** A webhook address of an automation (its secret is shown only when it is made). */
export interface Hook {
  hookId: string;
  url: string;
  createdAt: string;
}
