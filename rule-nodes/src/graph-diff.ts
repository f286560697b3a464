import { nodeTypeSpec } from './catalog';
import type { Graph, GraphEdge, GraphNode } from './graph';

/** A step as a diff names it: by its label (else its type's), never by id alone. */
export interface DiffNode {
  id: string;
  label: string;
  type: string;
}

/** A changed step and what changed in it: `label`, `onError`, or `config.<field>`. */
export interface DiffChangedNode extends DiffNode {
  changes: string[];
}

/** A connection by the labels of its ends: `Condition (true) → Create draft`. */
export interface DiffEdge {
  from: string;
  port: string;
  to: string;
  text: string;
}

export interface GraphDiff {
  nodes: { added: DiffNode[]; removed: DiffNode[]; changed: DiffChangedNode[] };
  edges: { added: DiffEdge[]; removed: DiffEdge[] };
  /** Whether the error handler differs. */
  errorHandlerChanged: boolean;
}

const nameOf = (node: GraphNode | undefined, id: string) =>
  (typeof node?.label === 'string' && node.label.trim()) || (node && nodeTypeSpec(node.type)?.label) || id;

const diffNode = (node: GraphNode): DiffNode => ({ id: node.id, label: nameOf(node, node.id), type: node.type });

/** Key order does not make a change: JSON with sorted keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What changed in a step; its position does not count (moving a card changes nothing that runs). */
function nodeChanges(before: GraphNode, after: GraphNode): string[] {
  const changes: string[] = [];
  if (before.type !== after.type) changes.push('type');
  if ((before.label ?? '') !== (after.label ?? '')) changes.push('label');
  if (canonical(before.onError ?? null) !== canonical(after.onError ?? null)) changes.push('onError');
  const keys = new Set([...Object.keys(before.config ?? {}), ...Object.keys(after.config ?? {})]);
  for (const key of [...keys].sort()) {
    if (canonical(before.config?.[key]) !== canonical(after.config?.[key])) changes.push(`config.${key}`);
  }
  return changes;
}

const edgeKey = (e: GraphEdge) => `${e.from.node}\u0000${e.from.port}\u0000${e.to.node}\u0000${e.to.port}`;

/**
 * What turns `from` into `to`: steps added, removed and changed (matched by id) and connections
 * added and removed, each named by labels (a removed step by its label in `from`).
 */
export function graphDiff(from: Graph, to: Graph): GraphDiff {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const edgeOf = (e: GraphEdge, nodes: Map<string, GraphNode>): DiffEdge => {
    const source = nameOf(nodes.get(e.from.node), e.from.node);
    const target = nameOf(nodes.get(e.to.node), e.to.node);
    return { from: source, port: e.from.port, to: target, text: `${source} (${e.from.port}) → ${target}` };
  };
  const beforeEdges = new Map(from.edges.map((e) => [edgeKey(e), e]));
  const afterEdges = new Map(to.edges.map((e) => [edgeKey(e), e]));
  return {
    nodes: {
      added: to.nodes.filter((n) => !before.has(n.id)).map(diffNode),
      removed: from.nodes.filter((n) => !after.has(n.id)).map(diffNode),
      changed: to.nodes.flatMap((n) => {
        const old = before.get(n.id);
        const changes = old ? nodeChanges(old, n) : [];
        return changes.length ? [{ ...diffNode(n), changes }] : [];
      }),
    },
    edges: {
      added: to.edges.filter((e) => !beforeEdges.has(edgeKey(e))).map((e) => edgeOf(e, after)),
      removed: from.edges.filter((e) => !afterEdges.has(edgeKey(e))).map((e) => edgeOf(e, before)),
    },
    errorHandlerChanged: canonical(from.errorHandler ?? null) !== canonical(to.errorHandler ?? null),
  };
}
