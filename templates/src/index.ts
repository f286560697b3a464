import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldSpec, NodeType } from '@socialorchestrator/rule-nodes';

/** A graph as `/api/v1/automations` takes it; config values `"$input.<key>"` are the template's inputs. */
export interface TemplateGraph {
  nodes: Array<{ id: string; type: NodeType; position: { x: number; y: number }; config: Record<string, unknown> }>;
  edges: Array<{ from: { node: string; port: string }; to: { node: string; port: string } }>;
}

/** One event to drive through the recipe in its test, and where it must get to. */
export interface TemplateSample {
  inputs: Record<string, unknown>;
  trigger: string;
  payload: Record<string, unknown>;
  /** The run's status after the event: done, or parked at an approval. */
  expect: 'succeeded' | 'waiting';
  /** The last node the event must reach. */
  reaches: string;
}

export interface Template {
  id: string;
  title: string;
  description: string;
  category: 'Content' | 'Publishing' | 'Approvals' | 'Alerts' | 'Reports';
  inputs: FieldSpec[];
  graph: TemplateGraph;
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

/** The graph with each `"$input.<key>"` config value replaced by that input (any JSON value). */
export function fillInputs(graph: TemplateGraph, inputs: Record<string, unknown>): TemplateGraph {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const match = INPUT.exec(value);
      return match ? inputs[match[1]] : value;
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
