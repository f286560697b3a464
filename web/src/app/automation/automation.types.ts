/** The automation API's shapes: the catalog, graph model and views from rule-nodes (the backend serves the same). */
import type { FieldSpec, Graph } from '@socialorchestrator/rule-nodes';
import type { MediaItem, NetworkId } from '../core/api.types';

export type {
  AutomationSummary,
  AutomationVersionView as AutomationVersion,
  AutomationFile,
  ErrorHandler,
  GraphDiff,
  ImportNotice,
  NodeErrorPolicy,
  AutomationView as Automation,
  FieldKind,
  FieldSpec,
  Graph,
  GraphEdge,
  GraphNode,
  GraphNote,
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
  /** The recipe's graph before its inputs are filled in, for the gallery's preview. */
  graph: Graph;
}

/** One variant as its network will show it, with its media (signed URLs). */
export interface ApprovalVariant {
  id: string;
  accountId: string;
  accountName: string;
  network: NetworkId;
  networkLabel: string;
  text: string;
  postType: string;
  link: string | null;
  /** The network's options (a poll's choices, a title). */
  options: Record<string, unknown>;
  media: MediaItem[];
  /** The text's length as the network counts it, and the most it allows. */
  length: number;
  maxLength: number;
}

/** An edited text as its network counts it, and the rules it breaks. */
export interface VariantEditCheck {
  variantId: string;
  length: number;
  maxLength: number;
  problems: { field: string; message: string }[];
}

export interface Approval {
  id: string;
  postId: string;
  status: string;
  text: string;
  accounts: { id: string; name: string; network: string }[];
  variants: ApprovalVariant[];
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
