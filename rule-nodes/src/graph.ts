import type { NodeType } from './catalog';

/**
 * The public graph model of `/api/v1/automations` (DESIGN §6): what the editor draws, templates
 * ship, and the backend validates and compiles.
 */
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
