/**
 * A run drawn over the canvas (a test or a past run): each node's outcome, and how many items
 * passed along each connection. Keys are node ids and edge keys (graph-editing's `edgeKey`).
 */
export type NodeOutcome = 'succeeded' | 'failed' | 'skipped' | 'running' | 'waiting';

export interface RunOverlay {
  nodes: Partial<Record<string, { outcome: NodeOutcome; items?: number }>>;
  edges: Partial<Record<string, number>>;
}
