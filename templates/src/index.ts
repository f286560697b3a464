import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldSpec, Graph } from '@socialorchestrator/rule-nodes';

/** One event to drive through the recipe in its test, and where it must get to. */
export interface TemplateSample {
  inputs: Record<string, unknown>;
  trigger: string;
  payload: Record<string, unknown>;
  /** The run's status after the event: done, or parked at an approval. */
  expect: 'succeeded' | 'waiting';
  /** The last node the event must reach. */
  reaches: string;
  /** What the run must leave behind, checked through the API. */
  outcome?: TemplateOutcome;
}

/** A post whose text contains `text` in `state`, and/or a notification to the owner containing this text. */
export interface TemplateOutcome {
  post?: { text: string; state: 'draft' | 'pending_approval' | 'scheduled' | 'published' };
  notification?: string;
}

export interface Template {
  id: string;
  title: string;
  description: string;
  category: 'Content' | 'Publishing' | 'Approvals' | 'Campaigns' | 'Alerts' | 'Reports';
  inputs: FieldSpec[];
  /** Config values `"$input.<key>"` are the template's inputs. */
  graph: Graph;
  sample: TemplateSample;
}

const RECIPES = join(__dirname, '..', 'recipes');

/** Every recipe in `recipes/`, in file-name order. */
export function loadTemplates(): Template[] {
  return readdirSync(RECIPES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(RECIPES, file), 'utf8')) as Template);
}

const INPUT = /^\$input\.([A-Za-z0-9_]+)$/;
const INLINE_INPUT = /\$input\.([A-Za-z0-9_]+)/g;

/**
 * The graph with each `"$input.<key>"` config value replaced by that input (any JSON value), and
 * `$input.<key>` inside a longer text by the input as text (a post text built around a product name).
 */
export function fillInputs(graph: Graph, inputs: Record<string, unknown>): Graph {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = INPUT.exec(value);
      if (match) return inputs[match[1]];
      return value.replace(INLINE_INPUT, (_token, key: string) => String(inputs[key] ?? ''));
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return {
    nodes: graph.nodes.map((node) => ({ ...node, config: fill(node.config) as Record<string, unknown> })),
    edges: graph.edges,
  };
}
