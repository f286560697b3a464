import type { Graph, RunDetail, RunStep } from '../automation.types';
import { edgeKey } from '../graph-editing';
import type { NodeOutcome, RunOverlay } from '../editor/run-overlay';

/**
 * A run as the canvas draws it: each node's outcome (failed if any of its steps failed, else
 * succeeded; waiting where the run waits; running while in flight; skipped where no item went)
 * and, on each connection, how many items left by its port.
 */
export function runOverlayOf(run: RunDetail, graph: Graph): RunOverlay {
  const byNode = new Map<string, RunStep[]>();
  for (const step of run.steps) byNode.set(step.nodeId, [...(byNode.get(step.nodeId) ?? []), step]);
  const inFlight = run.status === 'queued' || run.status === 'running';
  const nodes: RunOverlay['nodes'] = {};
  for (const node of graph.nodes) {
    const steps = byNode.get(node.id) ?? [];
    nodes[node.id] = { outcome: outcomeOf(steps, run.status, inFlight), items: steps.length };
  }
  const edges: RunOverlay['edges'] = {};
  for (const edge of graph.edges) {
    const sent = (byNode.get(edge.from.node) ?? []).filter((s) => s.port === edge.from.port).length;
    if (sent) edges[edgeKey(edge)] = sent;
  }
  return { nodes, edges };
}

function outcomeOf(steps: RunStep[], status: RunDetail['status'], inFlight: boolean): NodeOutcome {
  if (steps.some((s) => s.error)) return 'failed';
  if (steps.some((s) => s.port)) return 'succeeded';
  if (steps.length) return status === 'waiting' ? 'waiting' : inFlight ? 'running' : 'succeeded';
  return inFlight ? 'running' : 'skipped';
}
