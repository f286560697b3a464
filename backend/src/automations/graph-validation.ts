import {
  nodeTypeSpec,
  outputPorts,
  validateConfig,
  waitsBeforeGoingOn,
  type NodeTypeSpec,
} from '@socialorchestrator/rule-nodes';
import type { FieldError } from '../common/domain-error';
import type { Graph, GraphNode } from './graph';

export const MAX_NODES = 200;
const NODE_ID = /^[A-Za-z0-9_-]{1,40}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `Node n3 (RSS/Atom item)`: how a message names a node. */
const nodeName = (node: GraphNode, spec?: NodeTypeSpec) => `Node ${node.id} (${spec?.label ?? node.type})`;

/**
 * Every problem that stops a graph from being published, each naming the node (or edge) and
 * field: unknown node type, missing or bad config, dangling or mis-ported edge, no trigger, and a
 * cycle with no node in it that really waits (it would spin without end).
 */
export function validateGraph(graph: unknown): FieldError[] {
  if (!isObject(graph) || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) {
    return [{ field: 'graph', message: 'graph must be {nodes: [...], edges: [...]}' }];
  }
  const problems: FieldError[] = [];
  const nodes = new Map<string, GraphNode>();
  if (graph.nodes.length > MAX_NODES) {
    problems.push({ field: 'graph.nodes', message: `a graph may have at most ${MAX_NODES} nodes` });
  }
  graph.nodes.forEach((raw: unknown, index: number) => {
    const node = raw as GraphNode;
    if (!isObject(raw) || typeof node.id !== 'string' || !NODE_ID.test(node.id)) {
      problems.push({
        field: `graph.nodes[${index}].id`,
        message: 'every node needs an id of letters, digits, _ and -',
      });
      return;
    }
    const field = `graph.nodes.${node.id}`;
    if (nodes.has(node.id)) return problems.push({ field, message: `Node id ${node.id} is used twice` });
    nodes.set(node.id, node);
    const spec = nodeTypeSpec(node.type);
    if (!spec)
      return problems.push({
        field: `${field}.type`,
        message: `${nodeName(node)}: unknown node type ${String(node.type)}`,
      });
    if (!isObject(node.position) || typeof node.position.x !== 'number' || typeof node.position.y !== 'number') {
      problems.push({ field: `${field}.position`, message: `${nodeName(node, spec)}: position must be {x, y}` });
    }
    if (!isObject(node.config)) {
      return problems.push({ field: `${field}.config`, message: `${nodeName(node, spec)}: config must be an object` });
    }
    for (const p of validateConfig(node.type, node.config)) {
      problems.push({ field: `${field}.config.${p.field}`, message: `${nodeName(node, spec)}: ${p.message}` });
    }
  });
  problems.push(...edgeProblems(graph.edges, nodes));
  const valid = [...nodes.values()].filter((n) => nodeTypeSpec(n.type));
  if (!valid.some((n) => nodeTypeSpec(n.type)!.category === 'trigger')) {
    problems.push({ field: 'graph.nodes', message: 'An automation needs a trigger node to start its runs' });
  }
  if (!problems.length) problems.push(...cycleProblems(graph as unknown as Graph, nodes));
  return problems;
}

function edgeProblems(edges: unknown[], nodes: Map<string, GraphNode>): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  edges.forEach((raw, index) => {
    const field = `graph.edges[${index}]`;
    const edge = raw as { from?: { node?: unknown; port?: unknown }; to?: { node?: unknown; port?: unknown } };
    if (!isObject(raw) || !isObject(edge.from) || !isObject(edge.to)) {
      return problems.push({ field, message: 'every edge needs from {node, port} and to {node, port}' });
    }
    const from = nodes.get(String(edge.from.node));
    const to = nodes.get(String(edge.to.node));
    if (!from || !to) {
      const missing = !from ? edge.from.node : edge.to.node;
      return problems.push({ field, message: `Edge ${index} is dangling: there is no node ${String(missing)}` });
    }
    const fromSpec = nodeTypeSpec(from.type);
    const toSpec = nodeTypeSpec(to.type);
    if (!fromSpec || !toSpec) return;
    const ports = outputPorts(from.type, isObject(from.config) ? from.config : {});
    if (!ports.includes(String(edge.from.port))) {
      problems.push({
        field,
        message: `Edge ${index}: ${nodeName(from, fromSpec)} has no output ${String(edge.from.port)} (it has ${ports.join(', ')})`,
      });
    }
    if (!toSpec.inputs.includes(String(edge.to.port))) {
      const has = toSpec.inputs.length ? `it has ${toSpec.inputs.join(', ')}` : 'a trigger takes no input';
      problems.push({
        field,
        message: `Edge ${index}: ${nodeName(to, toSpec)} has no input ${String(edge.to.port)} (${has})`,
      });
    }
    const key = `${from.id}.${String(edge.from.port)}>${to.id}`;
    if (seen.has(key)) problems.push({ field, message: `Edge ${index} repeats an edge from ${from.id} to ${to.id}` });
    seen.add(key);
  });
  return problems;
}

/** Strongly connected components (Tarjan); a loop must pass a node that waits. */
function cycleProblems(graph: Graph, nodes: Map<string, GraphNode>): FieldError[] {
  const next = new Map<string, string[]>([...nodes.keys()].map((id) => [id, []]));
  for (const edge of graph.edges) next.get(edge.from.node)!.push(edge.to.node);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const problems: FieldError[] = [];
  let counter = 0;

  const visit = (id: string): void => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    for (const to of next.get(id)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(id, Math.min(low.get(id)!, index.get(to)!));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    const loops = component.length > 1 || next.get(id)!.includes(id);
    if (loops) problems.push(...loopProblems(component.reverse().map((m) => nodes.get(m)!)));
  };
  for (const id of nodes.keys()) if (!index.has(id)) visit(id);
  return problems;
}

/**
 * A loop (its nodes in visiting order) must pass a node that waits. A delay in it that waits no
 * time is named: it looks like the wait the loop needs, and is not one.
 */
function loopProblems(loop: GraphNode[]): FieldError[] {
  if (loop.some((node) => waitsBeforeGoingOn(node.type, node.config))) return [];
  const path = loop.map((node) => node.id).join(' → ');
  const delays = loop.filter((node) => node.type === 'delay');
  if (delays.length) {
    return delays.map((delay) => ({
      field: `graph.nodes.${delay.id}.config`,
      message: `${nodeName(delay, nodeTypeSpec(delay.type))} is in a loop (${path}) but does not wait: it needs some minutes (not 0, not "until a time") or the loop would spin without end`,
    }));
  }
  const [first] = loop;
  return [
    {
      field: `graph.nodes.${first.id}`,
      message: `${nodeName(first, nodeTypeSpec(first.type))} is in a loop (${path}) with no delay or approval to wait at`,
    },
  ];
}
