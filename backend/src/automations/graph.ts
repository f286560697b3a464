import type { Graph } from '@socialorchestrator/rule-nodes';

export type { Graph, GraphEdge, GraphNode } from '@socialorchestrator/rule-nodes';

export const EMPTY_GRAPH: Graph = { nodes: [], edges: [] };
