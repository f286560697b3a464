import {
  errorHandlerProblems,
  errorPolicyProblems,
  ERROR_PORT,
  MAX_NODE_LABEL,
  MAX_NOTE_TEXT,
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

/**
 * How a message names a node: as the canvas does, by the label a person gave it (with its type
 * when that differs), else by its type's label; ids are for machines, never for people.
 */
const nodeName = (node: GraphNode, spec?: NodeTypeSpec) => {
  const type = spec?.label ?? String(node.type);
  const label = typeof node.label === 'string' ? node.label.trim() : '';
  return label && label !== type ? `${label} (${type})` : type;
};

/**
 * Every problem that stops a graph from being published, each naming the node (or edge) and
 * field: unknown node type, missing or bad config or error policy, dangling or mis-ported edge, no
 * trigger, and a cycle with no node in it that really waits (it would spin without end).
 * `draft: true` checks what an imported draft must get right (types, shapes, values, edges) and
 * lets it lack what a person fills in later (required fields, a trigger).
 */
export function validateGraph(graph: unknown, options: { draft?: boolean } = {}): FieldError[] {
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
        message: `Unknown node type ${String(node.type)}`,
      });
    if (!isObject(node.position) || typeof node.position.x !== 'number' || typeof node.position.y !== 'number') {
      problems.push({ field: `${field}.position`, message: `${nodeName(node, spec)}: position must be {x, y}` });
    }
    if (node.label !== undefined && (typeof node.label !== 'string' || node.label.length > MAX_NODE_LABEL)) {
      problems.push({
        field: `${field}.label`,
        message: `${nodeName({ ...node, label: undefined }, spec)}: a name must be text of at most ${MAX_NODE_LABEL} characters`,
      });
    }
    if (!isObject(node.config)) {
      return problems.push({ field: `${field}.config`, message: `${nodeName(node, spec)}: config must be an object` });
    }
    for (const p of validateConfig(node.type, node.config)) {
      if (options.draft && p.message.endsWith(' is required')) continue;
      problems.push({ field: `${field}.config.${p.field}`, message: `${nodeName(node, spec)}: ${p.message}` });
    }
    for (const p of errorPolicyProblems(node.onError, spec.category === 'trigger')) {
      const at = p.field === 'onError' ? `${field}.onError` : `${field}.onError.${p.field}`;
      problems.push({ field: at, message: `${nodeName(node, spec)}: ${p.message}` });
    }
  });
  for (const p of errorHandlerProblems(graph.errorHandler)) {
    const at = p.field === 'errorHandler' ? 'graph.errorHandler' : `graph.errorHandler.${p.field}`;
    problems.push({ field: at, message: p.message });
  }
  problems.push(...edgeProblems(graph.edges, nodes));
  problems.push(...noteProblems(graph.notes, nodes));
  if (options.draft) return problems;
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
      const known = from ?? to;
      const end = known ? ` (${!from ? 'into' : 'out of'} ${nodeName(known, nodeTypeSpec(known.type))})` : '';
      return problems.push({
        field,
        message: `Connection ${index + 1}${end} leads to a step that is not in the graph (${String(missing)})`,
      });
    }
    const fromSpec = nodeTypeSpec(from.type);
    const toSpec = nodeTypeSpec(to.type);
    if (!fromSpec || !toSpec) return;
    const ports = outputPorts(from.type, isObject(from.config) ? from.config : {}, from.onError);
    if (!ports.includes(String(edge.from.port))) {
      problems.push({
        field,
        message:
          edge.from.port === ERROR_PORT
            ? `${nodeName(from, fromSpec)} has no error output: set its On error to continue on the error port`
            : `${nodeName(from, fromSpec)} has no output ${String(edge.from.port)} (it has ${ports.join(', ')})`,
      });
    }
    if (!toSpec.inputs.includes(String(edge.to.port))) {
      const has = toSpec.inputs.length ? `it has ${toSpec.inputs.join(', ')}` : 'a trigger takes no input';
      problems.push({
        field,
        message: `${nodeName(to, toSpec)} has no input ${String(edge.to.port)} (${has})`,
      });
    }
    const key = `${from.id}.${String(edge.from.port)}>${to.id}`;
    if (seen.has(key)) {
      const names = `${nodeName(from, fromSpec)} to ${nodeName(to, toSpec)}`;
      problems.push({ field, message: `The connection from ${names} is there twice` });
    }
    seen.add(key);
  });
  return problems;
}

/**
 * Sticky notes: optional, for people only (the compiler never reads them), but well-formed so every
 * view of the draft can draw them.
 */
function noteProblems(notes: unknown, nodes: Map<string, GraphNode>): FieldError[] {
  if (notes === undefined) return [];
  if (!Array.isArray(notes)) return [{ field: 'graph.notes', message: 'notes must be a list of {id, text, position}' }];
  const ids = new Set<string>();
  return notes.flatMap((raw: unknown, index: number): FieldError[] => {
    const field = `graph.notes[${index}]`;
    const note = raw as { id?: unknown; text?: unknown; position?: { x?: unknown; y?: unknown } };
    const ok =
      isObject(raw) &&
      typeof note.id === 'string' &&
      NODE_ID.test(note.id) &&
      typeof note.text === 'string' &&
      note.text.length <= MAX_NOTE_TEXT &&
      isObject(note.position) &&
      typeof note.position.x === 'number' &&
      typeof note.position.y === 'number';
    if (!ok) {
      return [
        {
          field,
          message: `Note ${index + 1} must be {id, text (at most ${MAX_NOTE_TEXT} characters), position {x, y}}`,
        },
      ];
    }
    const id = note.id as string;
    if (ids.has(id) || nodes.has(id)) return [{ field, message: `Note ${index + 1} uses an id already taken` }];
    ids.add(id);
    return [];
  });
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
  const path = loop.map((node) => nodeName(node, nodeTypeSpec(node.type))).join(' → ');
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
