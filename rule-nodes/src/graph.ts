import type { NodeType } from './catalog';
import type { ErrorHandler, NodeErrorPolicy } from './error-policy';

/**
 * The public graph model of `/api/v1/automations` (DESIGN §6): what the editor draws, templates
 * ship, and the backend validates and compiles.
 */
export interface GraphNode {
  id: string;
  type: NodeType;
  position: { x: number; y: number };
  config: Record<string, unknown>;
  /** The name a person gave this step (shown on the canvas and in messages); the type's label when absent. */
  label?: string;
  /** What happens when this step fails; stopping the run when absent. */
  onError?: NodeErrorPolicy;
}

export interface GraphEdge {
  from: { node: string; port: string };
  to: { node: string; port: string };
}

/** A sticky note on the canvas: words for people, never run (the compiler and runtime ignore notes). */
export interface GraphNote {
  id: string;
  text: string;
  position: { x: number; y: number };
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Optional, so graphs saved before notes existed stay valid as they are. */
  notes?: GraphNote[];
  /** What happens when a run fails: tell people, or start another automation. Optional, like notes. */
  errorHandler?: ErrorHandler;
}

/** Most characters a node label or note may hold (the backend refuses longer ones). */
export const MAX_NODE_LABEL = 80;
export const MAX_NOTE_TEXT = 2000;
