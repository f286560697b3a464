/** The automation API's shapes: the catalog, graph model and views from rule-nodes (the backend serves the same). */
import type { FieldSpec } from '@socialorchestrator/rule-nodes';

export type {
  AutomationSummary,
  AutomationVersionView as AutomationVersion,
  AutomationView as Automation,
  FieldKind,
  FieldSpec,
  Graph,
  GraphEdge,
  GraphNode,
  NodeTypeSpec,
  RunDetailView as RunDetail,
  RunStatus,
  RunStepView as RunStep,
  RunView as Run,
} from '@socialorchestrator/rule-nodes';

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
  /** The schedule the post was composed with, applied on approval. */
  heldSchedule?: { type: string; at?: string } | null;
  /** On an approval's answer: why its schedule was not applied (its time passed). */
  scheduleProblem?: string | null;
}

/** A webhook address of an automation (its secret is shown only when it is made). */
export interface Hook {
  hookId: string;
  url: string;
  createdAt: string;
}
