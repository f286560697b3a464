import { nodeTypeSpec } from './catalog';
import { ERROR_PORT } from './error-policy';
import type { Graph, GraphNode } from './graph';
import { examplePayload, nodeOutput } from './node-outputs';

/** One field a step can use in its text: `{{path}}`, with a value to show beside it. */
export interface AvailableField {
  path: string;
  /** The sample's value when the trigger has a sample, else the catalog's example. */
  example: unknown;
  /** True when `example` came from the trigger's sample (real data), false for a catalog example. */
  sampled: boolean;
  /** The node whose output gave this field (the nearest upstream one that set it). */
  from: string;
}

/** A trigger's sample payload, by trigger node id (the pinned data of the draft). */
export type SamplesByNode = Readonly<Record<string, Record<string, unknown> | null | undefined>>;

/** Most fields one sample contributes, and how deep into nested objects the picker looks. */
const MAX_FIELDS = 200;
const MAX_DEPTH = 3;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path of a payload: each key, nested object keys (`author.name`) and an array's first item (`tags.0`). */
export function payloadPaths(payload: Record<string, unknown>): Array<{ path: string; example: unknown }> {
  const out: Array<{ path: string; example: unknown }> = [];
  const walk = (value: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [key, v] of Object.entries(value)) {
      if (out.length >= MAX_FIELDS) return;
      const path = prefix ? `${prefix}.${key}` : key;
      out.push({ path, example: v });
      if (depth >= MAX_DEPTH) continue;
      if (isPlainObject(v)) walk(v, path, depth + 1);
      else if (Array.isArray(v) && v.length) walk({ 0: v[0] }, path, depth + 1);
    }
  };
  walk(payload, '', 0);
  return out;
}

type Fields = Map<string, AvailableField>;

function triggerOutput(node: GraphNode, samples: SamplesByNode): Fields {
  const sample = samples[node.id];
  const sampled = isPlainObject(sample);
  const payload = sampled ? sample : examplePayload(node.type, node.config.preset as string | undefined);
  return new Map(payloadPaths(payload).map((p) => [p.path, { ...p, sampled, from: node.id }]));
}

function stepOutput(node: GraphNode, input: Fields): Fields {
  const output = nodeOutput(node.type);
  const fields: Fields = output.keepsInput ? new Map(input) : new Map();
  for (const added of output.fields) {
    for (const p of payloadPaths({ [added.path]: added.example })) {
      fields.set(p.path, { ...p, sampled: false, from: node.id });
    }
  }
  return fields;
}

/** What a step sends out of its error port: the item it failed on, with `error.message` and `error.step`. */
function errorOutput(node: GraphNode, input: Fields): Fields {
  const fields: Fields = new Map(input);
  const error = { message: 'Step "Create draft": the action could not be done', step: 'Create draft' };
  for (const p of payloadPaths({ error })) fields.set(p.path, { ...p, sampled: false, from: node.id });
  return fields;
}

const sameKeys = (a: Fields, b: Fields) => a.size === b.size && [...a.keys()].every((k) => b.has(k));

/**
 * The fields each node can use, by node id: the union, along every incoming path, of what the
 * upstream nodes send on (a trigger its sample, else its catalog example; a step what it got plus
 * what it adds). A field reaching a node by two paths keeps the first path's value. Graphs may
 * loop (through a wait): the union is repeated until nothing changes, which the finite set of
 * paths bounds. Triggers have no input, so theirs is empty.
 */
export function fieldsAvailable(graph: Graph, samples: SamplesByNode = {}): Record<string, AvailableField[]> {
  const inputs = new Map<string, Fields>(graph.nodes.map((n) => [n.id, new Map()]));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const outputOf = (node: GraphNode): Fields =>
    nodeTypeSpec(node.type)?.category === 'trigger'
      ? triggerOutput(node, samples)
      : stepOutput(node, inputs.get(node.id)!);
  for (let round = 0, changed = true; changed && round <= graph.nodes.length + 1; round++) {
    changed = false;
    const outputs = new Map(graph.nodes.map((n) => [n.id, outputOf(n)]));
    const sent = (edge: Graph['edges'][number]) =>
      edge.from.port === ERROR_PORT
        ? errorOutput(byId.get(edge.from.node)!, inputs.get(edge.from.node)!)
        : outputs.get(edge.from.node)!;
    for (const node of graph.nodes) {
      const next: Fields = new Map();
      for (const edge of graph.edges.filter((e) => e.to.node === node.id && byId.has(e.from.node))) {
        for (const [path, field] of sent(edge)) if (!next.has(path)) next.set(path, field);
      }
      if (!sameKeys(next, inputs.get(node.id)!)) changed = true;
      inputs.set(node.id, next);
    }
  }
  return Object.fromEntries([...inputs].map(([id, fields]) => [id, [...fields.values()]]));
}
