import { Graph as LayoutGraph, layout } from '@dagrejs/dagre';
import type { Graph } from '../automation.types';

export interface Size {
  width: number;
  height: number;
}

/** A node card's size when the canvas has not measured it (the card is 260 px wide). */
export const DEFAULT_NODE_SIZE: Size = { width: 260, height: 120 };

/**
 * Tidies a graph left to right (dagre's layered layout): triggers first, each step right of the
 * one before it, branches stacked, no two cards overlapping. Notes keep their places. Returns the
 * same graph when it has no nodes.
 */
export function autoLayout(graph: Graph, sizes: ReadonlyMap<string, Size> = new Map()): Graph {
  if (!graph.nodes.length) return graph;
  const g = new LayoutGraph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 96, marginx: 40, marginy: 40 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(sizes.get(node.id) ?? DEFAULT_NODE_SIZE) });
  graph.edges.forEach((edge, i) => g.setEdge(edge.from.node, edge.to.node, {}, `${i}`));
  layout(g);
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const { x, y, width, height } = g.node(node.id);
      // dagre gives centres; the canvas places cards by their top-left corner.
      return { ...node, position: { x: Math.round(x - width / 2), y: Math.round(y - height / 2) } };
    }),
  };
}
