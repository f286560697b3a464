import type { Graph, GraphEdge, GraphNode, NodeTypeSpec } from './automation.types';

/** Output ports of a node: a switch gets one per case, before its `otherwise`. */
export function outputPorts(spec: NodeTypeSpec, config: Record<string, unknown>): string[] {
  if (spec.type !== 'switch') return spec.outputs;
  const cases = Array.isArray(config['cases']) ? (config['cases'] as { port?: unknown }[]) : [];
  return [...cases.flatMap((c) => (typeof c.port === 'string' && c.port ? [c.port] : [])), ...spec.outputs];
}

/** Connector ids on the canvas: `<node>/out/<port>` and `<node>/in/<port>`. */
export const sourceId = (node: string, port: string) => `${node}/out/${port}`;
export const targetId = (node: string, port: string) => `${node}/in/${port}`;
export const parseConnector = (id: string) => {
  const [node, , port] = id.split('/');
  return { node, port };
};

export function nextNodeId(graph: Graph): string {
  const used = new Set(graph.nodes.map((n) => n.id));
  let n = graph.nodes.length + 1;
  while (used.has(`n${n}`)) n++;
  return `n${n}`;
}

/** A new node with the catalog's defaults filled in. */
export function addNode(
  graph: Graph,
  spec: NodeTypeSpec,
  position: { x: number; y: number },
): { graph: Graph; id: string } {
  const config: Record<string, unknown> = {};
  for (const field of spec.config) if (field.default !== undefined) config[field.key] = structuredClone(field.default);
  const id = nextNodeId(graph);
  return { graph: { ...graph, nodes: [...graph.nodes, { id, type: spec.type, position, config }] }, id };
}

export function removeNodes(graph: Graph, ids: ReadonlySet<string>): Graph {
  return {
    nodes: graph.nodes.filter((n) => !ids.has(n.id)),
    edges: graph.edges.filter((e) => !ids.has(e.from.node) && !ids.has(e.to.node)),
  };
}

export function removeEdge(graph: Graph, edge: GraphEdge): Graph {
  return { ...graph, edges: graph.edges.filter((e) => edgeKey(e) !== edgeKey(edge)) };
}

export const edgeKey = (e: GraphEdge) => `${e.from.node}.${e.from.port}>${e.to.node}.${e.to.port}`;

/** Adds an edge unless it exists already or joins a node to itself. */
export function connect(graph: Graph, edge: GraphEdge): Graph {
  if (edge.from.node === edge.to.node || graph.edges.some((e) => edgeKey(e) === edgeKey(edge))) return graph;
  return { ...graph, edges: [...graph.edges, edge] };
}

export function moveNodes(graph: Graph, moves: { id: string; position: { x: number; y: number } }[]): Graph {
  const at = new Map(moves.map((m) => [m.id, m.position]));
  return { ...graph, nodes: graph.nodes.map((n) => (at.has(n.id) ? { ...n, position: at.get(n.id)! } : n)) };
}

export function updateConfig(graph: Graph, id: string, config: Record<string, unknown>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, config } : n)) };
}

/** The selected nodes and the edges between them, as a clipboard. */
export function copy(graph: Graph, ids: ReadonlySet<string>): Graph {
  return {
    nodes: graph.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
    edges: graph.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node)),
  };
}

/** Pastes a clipboard with new ids, offset so the copies sit beside the originals. */
export function paste(graph: Graph, clipboard: Graph, offset = 40): { graph: Graph; ids: string[] } {
  let result = graph;
  const renamed = new Map<string, string>();
  for (const node of clipboard.nodes) {
    const id = nextNodeId(result);
    renamed.set(node.id, id);
    const copyOf: GraphNode = {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + offset, y: node.position.y + offset },
    };
    result = { ...result, nodes: [...result.nodes, copyOf] };
  }
  const edges = clipboard.edges.map((e) => ({
    from: { node: renamed.get(e.from.node)!, port: e.from.port },
    to: { node: renamed.get(e.to.node)!, port: e.to.port },
  }));
  return { graph: { ...result, edges: [...result.edges, ...edges] }, ids: [...renamed.values()] };
}

/** Undo/redo over whole graphs: cheap at automation sizes, and exact. */
export class GraphHistory {
  private past: Graph[] = [];
  private future: Graph[] = [];

  constructor(private readonly limit = 100) {}

  /** Call before changing `current`. */
  record(current: Graph): void {
    this.past.push(current);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  undo(current: Graph): Graph | null {
    const previous = this.past.pop();
    if (!previous) return null;
    this.future.push(current);
    return previous;
  }

  redo(current: Graph): Graph | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push(current);
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
