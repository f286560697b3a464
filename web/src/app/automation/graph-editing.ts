import type {
  ErrorHandler,
  Graph,
  GraphEdge,
  GraphNode,
  GraphNote,
  NodeErrorPolicy,
  NodeTypeSpec,
} from './automation.types';

/** The port a step that continues on error sends its failing items out of (rule-nodes' ERROR_PORT). */
export const ERROR_PORT = 'error';

/**
 * Output ports of a node: a switch gets one per case, before its `otherwise`; a step that
 * continues on error gets `error`, last.
 */
export function outputPorts(spec: NodeTypeSpec, config: Record<string, unknown>, onError?: NodeErrorPolicy): string[] {
  const error = onError?.mode === 'continue' && spec.category !== 'trigger' ? [ERROR_PORT] : [];
  if (spec.type !== 'switch') return [...spec.outputs, ...error];
  const cases = Array.isArray(config['cases']) ? (config['cases'] as { port?: unknown }[]) : [];
  return [...cases.flatMap((c) => (typeof c.port === 'string' && c.port ? [c.port] : [])), ...spec.outputs, ...error];
}

/**
 * A step's error policy (`stop` is the default and is left out of the graph); a step that no
 * longer continues on error loses the connections of its error port.
 */
export function setErrorPolicy(graph: Graph, id: string, policy: NodeErrorPolicy): Graph {
  const keepsPort = policy.mode === 'continue';
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const { onError: _old, ...rest } = n;
      return policy.mode === 'stop' ? rest : { ...rest, onError: policy };
    }),
    edges: keepsPort ? graph.edges : graph.edges.filter((e) => !(e.from.node === id && e.from.port === ERROR_PORT)),
  };
}

/** The automation's error handler; null takes it out. */
export function setErrorHandler(graph: Graph, handler: ErrorHandler | null): Graph {
  const { errorHandler: _old, ...rest } = graph;
  return handler ? { ...rest, errorHandler: handler } : rest;
}

/** Connector ids on the canvas: `<node>/out/<port>` and `<node>/in/<port>`. */
export const sourceId = (node: string, port: string) => `${node}/out/${port}`;
export const targetId = (node: string, port: string) => `${node}/in/${port}`;
export const parseConnector = (id: string) => {
  const [node, , port] = id.split('/');
  return { node, port };
};

/** Node and note ids share the canvas (both are Foblex nodes), so a new id is unused by either. */
function nextId(graph: Graph, prefix: string, start: number): string {
  const used = new Set([...graph.nodes.map((n) => n.id), ...(graph.notes ?? []).map((n) => n.id)]);
  let n = start;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export const nextNodeId = (graph: Graph) => nextId(graph, 'n', graph.nodes.length + 1);
export const nextNoteId = (graph: Graph) => nextId(graph, 'note', (graph.notes?.length ?? 0) + 1);

/**
 * A name not yet used on the canvas: the type's label, then `Condition 2`, `Condition 3`… so that
 * connections and errors naming steps by label stay unambiguous.
 */
export function freeLabel(graph: Graph, base: string, specs?: readonly NodeTypeSpec[]): string {
  const used = new Set(
    graph.nodes.map((n) => n.label?.trim() || specs?.find((s) => s.type === n.type)?.label || n.type),
  );
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** A new node with the catalog's defaults filled in (and a label when its type's is taken). */
export function addNode(
  graph: Graph,
  spec: NodeTypeSpec,
  position: { x: number; y: number },
  specs?: readonly NodeTypeSpec[],
): { graph: Graph; id: string } {
  const config: Record<string, unknown> = {};
  for (const field of spec.config) if (field.default !== undefined) config[field.key] = structuredClone(field.default);
  const id = nextNodeId(graph);
  const label = freeLabel(graph, spec.label, specs);
  const node: GraphNode = { id, type: spec.type, position, config, ...(label !== spec.label ? { label } : {}) };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

/**
 * The "+" on an output: a node of `spec` to the right of `from`'s node (below any already there),
 * connected from that port to its first input.
 */
export function addNodeAfter(
  graph: Graph,
  from: { node: string; port: string },
  spec: NodeTypeSpec,
  specs?: readonly NodeTypeSpec[],
): { graph: Graph; id: string } {
  const source = graph.nodes.find((n) => n.id === from.node);
  const at = source ? { x: source.position.x + 340, y: source.position.y } : { x: 40, y: 40 };
  const taken = (p: { x: number; y: number }) =>
    graph.nodes.some((n) => Math.abs(n.position.x - p.x) < 270 && Math.abs(n.position.y - p.y) < 130);
  while (taken(at)) at.y += 150;
  const added = addNode(graph, spec, at, specs);
  const [input] = spec.inputs;
  return input ? { ...added, graph: connect(added.graph, { from, to: { node: added.id, port: input } }) } : added;
}

/** Removes nodes (and the edges touching them) and notes with these ids. */
export function removeNodes(graph: Graph, ids: ReadonlySet<string>): Graph {
  return withNotes(
    {
      nodes: graph.nodes.filter((n) => !ids.has(n.id)),
      edges: graph.edges.filter((e) => !ids.has(e.from.node) && !ids.has(e.to.node)),
    },
    (graph.notes ?? []).filter((n) => !ids.has(n.id)),
  );
}

/** Sets a graph's notes, leaving `notes` out when there are none (graphs saved before notes stay as they were). */
function withNotes(graph: Graph, notes: GraphNote[]): Graph {
  const { notes: _old, ...rest } = graph;
  return notes.length ? { ...rest, notes } : rest;
}

export function renameNode(graph: Graph, id: string, label: string): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.id !== id) return n;
      const { label: _old, ...rest } = n;
      return label.trim() ? { ...rest, label: label.trim() } : rest;
    }),
  };
}

export function addNote(graph: Graph, position: { x: number; y: number }, text = ''): { graph: Graph; id: string } {
  const id = nextNoteId(graph);
  return { graph: withNotes(graph, [...(graph.notes ?? []), { id, text, position }]), id };
}

export function editNote(graph: Graph, id: string, text: string): Graph {
  return withNotes(
    graph,
    (graph.notes ?? []).map((n) => (n.id === id ? { ...n, text } : n)),
  );
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

/** Moves nodes and notes. */
export function moveNodes(graph: Graph, moves: { id: string; position: { x: number; y: number } }[]): Graph {
  const at = new Map(moves.map((m) => [m.id, m.position]));
  const moved = { ...graph, nodes: graph.nodes.map((n) => (at.has(n.id) ? { ...n, position: at.get(n.id)! } : n)) };
  return graph.notes
    ? withNotes(
        moved,
        graph.notes.map((n) => (at.has(n.id) ? { ...n, position: at.get(n.id)! } : n)),
      )
    : moved;
}

export function updateConfig(graph: Graph, id: string, config: Record<string, unknown>): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, config } : n)) };
}

/** The selected nodes and notes and the edges between the nodes, as a clipboard. */
export function copy(graph: Graph, ids: ReadonlySet<string>): Graph {
  return withNotes(
    {
      nodes: graph.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
      edges: graph.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node)).map((e) => structuredClone(e)),
    },
    (graph.notes ?? []).filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
  );
}

/**
 * Pastes a clipboard (from this automation or another) with new ids, offset so the copies sit
 * beside the originals; edges among the copied nodes follow them, and a label already used here
 * gets a number.
 */
export function paste(
  graph: Graph,
  clipboard: Graph,
  specs: readonly NodeTypeSpec[] = [],
  offset = 40,
): { graph: Graph; ids: string[] } {
  let result = graph;
  const renamed = new Map<string, string>();
  const shift = (p: { x: number; y: number }) => ({ x: p.x + offset, y: p.y + offset });
  for (const node of clipboard.nodes) {
    const id = nextNodeId(result);
    renamed.set(node.id, id);
    const { label: _old, ...copyOf }: GraphNode = { ...structuredClone(node), id, position: shift(node.position) };
    const typeLabel = specs.find((s) => s.type === node.type)?.label ?? node.type;
    const label = freeLabel(result, node.label?.trim() || typeLabel, specs);
    result = { ...result, nodes: [...result.nodes, label === typeLabel ? copyOf : { ...copyOf, label }] };
  }
  for (const note of clipboard.notes ?? []) {
    const id = nextNoteId(result);
    renamed.set(note.id, id);
    result = withNotes(result, [
      ...(result.notes ?? []),
      { ...structuredClone(note), id, position: shift(note.position) },
    ]);
  }
  const edges = clipboard.edges
    .filter((e) => renamed.has(e.from.node) && renamed.has(e.to.node))
    .map((e) => ({
      from: { node: renamed.get(e.from.node)!, port: e.from.port },
      to: { node: renamed.get(e.to.node)!, port: e.to.port },
    }));
  return { graph: { ...result, edges: [...result.edges, ...edges] }, ids: [...renamed.values()] };
}

/** The system clipboard's text for copied steps: marked, so other JSON pasted in is not mistaken for steps. */
const CLIPBOARD_KIND = 'socialorchestrator/steps';

export function clipboardText(clipboard: Graph): string {
  return JSON.stringify({ kind: CLIPBOARD_KIND, graph: clipboard });
}

/** Copied steps from clipboard text, or null when the text is not copied steps. */
export function parseClipboard(text: string): Graph | null {
  try {
    const parsed = JSON.parse(text) as { kind?: unknown; graph?: Partial<Graph> };
    const g = parsed.graph;
    if (parsed.kind !== CLIPBOARD_KIND || !g || !Array.isArray(g.nodes) || !Array.isArray(g.edges)) return null;
    const valid = g.nodes.every(
      (n) => typeof n?.id === 'string' && typeof n.type === 'string' && typeof n.position?.x === 'number',
    );
    return valid ? { nodes: g.nodes, edges: g.edges, ...(Array.isArray(g.notes) ? { notes: g.notes } : {}) } : null;
  } catch {
    return null;
  }
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
