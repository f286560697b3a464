import type { NodeType } from '@socialorchestrator/rule-nodes';

/** The public graph model of `/api/v1/automations` (DESIGN §6). */
export interface GraphNode {
  id: string;
  type: NodeType;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}

export interface GraphEdge {
  from: { node: string; port: string };
  to: { node: string; port: string };
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const EMPTY_GRAPH: Graph = { nodes: [], edges: [] };
