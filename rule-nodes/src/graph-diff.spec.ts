import { describe, expect, it } from 'vitest';
import type { Graph } from './graph';
import { graphDiff } from './graph-diff';

const at = { x: 0, y: 0 };
const v1: Graph = {
  nodes: [
    { id: 'n1', type: 'webhook-in', position: at, config: { preset: 'generic' }, label: 'Blog hook' },
    { id: 'n2', type: 'condition', position: at, config: { rules: { all: [] } } },
    { id: 'n3', type: 'create-draft', position: at, config: { text: '{{title}}', accountIds: ['*'] } },
  ],
  edges: [
    { from: { node: 'n1', port: 'out' }, to: { node: 'n2', port: 'in' } },
    { from: { node: 'n2', port: 'true' }, to: { node: 'n3', port: 'in' } },
  ],
};

describe('graphDiff', () => {
  it('finds nothing between a graph and itself, nor when only positions or key order differ', () => {
    const moved: Graph = {
      ...v1,
      nodes: v1.nodes.map((n) => ({
        ...n,
        position: { x: 500, y: 90 },
        config: Object.fromEntries(Object.entries(n.config).reverse()),
      })),
    };
    const diff = graphDiff(v1, moved);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [] });
    expect(diff.edges).toEqual({ added: [], removed: [] });
    expect(diff.errorHandlerChanged).toBe(false);
  });

  it('names steps added, removed and changed (with what changed) and connections by label', () => {
    const draft: Graph = {
      nodes: [
        { ...v1.nodes[0] },
        {
          ...v1.nodes[2],
          label: 'Draft it',
          config: { text: '{{title}} {{link}}', accountIds: ['*'] },
          onError: { mode: 'continue' },
        },
        { id: 'n4', type: 'notify', position: at, config: { message: 'x', roles: ['owner'] } },
      ],
      edges: [
        { from: { node: 'n1', port: 'out' }, to: { node: 'n3', port: 'in' } },
        { from: { node: 'n3', port: 'error' }, to: { node: 'n4', port: 'in' } },
      ],
      errorHandler: { kind: 'notify', roles: ['owner'] },
    };
    const diff = graphDiff(v1, draft);
    expect(diff.nodes.added).toEqual([{ id: 'n4', label: 'Notify team', type: 'notify' }]);
    expect(diff.nodes.removed).toEqual([{ id: 'n2', label: 'Condition', type: 'condition' }]);
    expect(diff.nodes.changed).toEqual([
      { id: 'n3', label: 'Draft it', type: 'create-draft', changes: ['label', 'onError', 'config.text'] },
    ]);
    expect(diff.edges.added.map((e) => e.text)).toEqual([
      'Blog hook (out) → Draft it',
      'Draft it (error) → Notify team',
    ]);
    expect(diff.edges.removed.map((e) => e.text)).toEqual([
      'Blog hook (out) → Condition',
      'Condition (true) → Create draft',
    ]);
    expect(diff.errorHandlerChanged).toBe(true);
  });
});
