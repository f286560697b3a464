import type { Graph, NodeTypeSpec } from '../automation.types';
import { edgeKey } from '../graph-editing';
import { connectionText, nameById } from './node-visuals';

export interface DescribedProblems {
  /** Per node id and config field (`_node`: about the node itself). */
  byNode: Record<string, Record<string, string>>;
  /** Messages shown in the list "Before it can be published", each naming its step by label. */
  general: string[];
  /** Keys of the connections named. */
  edges: Set<string>;
}

/**
 * Places a publish refusal's field errors on the canvas: `graph.nodes.<id>[.config.<field>]` on
 * that node (and field), `graph.edges[<index>]` on that connection. What is listed names steps and
 * connections as the canvas shows them, never by id.
 */
export function describeProblems(
  errors: readonly { field: string; message: string }[],
  graph: Graph,
  specs: readonly NodeTypeSpec[],
): DescribedProblems {
  const byNode: Record<string, Record<string, string>> = {};
  const general: string[] = [];
  const edges = new Set<string>();
  for (const e of errors) {
    // A field of the config (`text`) or of the error policy (`onError.retries`), shown beside it.
    const match = /^graph\.nodes\.([^.[\]]+)(?:\.config\.(\w+)|\.(onError(?:\.\w+)?))?/.exec(e.field);
    if (match) (byNode[match[1]] ??= {})[match[2] ?? match[3] ?? '_node'] = e.message;
    // `graph.edges[3]` (what the backend sends) or `graph.edges.3`: an index into the graph as saved
    // just before the publish, which is the one on the canvas.
    const edge = graph.edges[Number(/^graph\.edges(?:\.|\[)(\d+)/.exec(e.field)?.[1] ?? NaN)];
    if (edge) edges.add(edgeKey(edge));
    if (match?.[2] || match?.[3]) continue;
    const where = edge
      ? `${connectionText(graph, specs, edge)}: `
      : match
        ? `${nameById(graph, specs, match[1])}: `
        : '';
    // The backend's message already names the step; the prefix is for messages that do not.
    general.push(where && e.message.startsWith(where.slice(0, -2)) ? e.message : where + e.message);
  }
  return { byNode, general, edges };
}
