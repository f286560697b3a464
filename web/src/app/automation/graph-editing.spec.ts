import { describe, expect, it } from 'vitest';
import type { Graph, NodeTypeSpec } from './automation.types';
import { autoLayout, DEFAULT_NODE_SIZE } from './editor/graph-layout';
import {
  addNode,
  addNodeAfter,
  addNote,
  clipboardText,
  copy,
  moveNodes,
  parseClipboard,
  paste,
  outputPorts,
  removeNodes,
  renameNode,
  setErrorHandler,
  setErrorPolicy,
} from './graph-editing';

const spec = (type: string, label: string, category: NodeTypeSpec['category'], outputs = ['out']): NodeTypeSpec =>
  ({
    type,
    category,
    label,
    description: label,
    inputs: category === 'trigger' ? [] : ['in'],
    outputs,
    config: [{ key: 'text', label: 'Text', kind: 'template', default: '{{title}}' }],
  }) as NodeTypeSpec;

const HOOK = spec('webhook-in', 'Inbound webhook', 'trigger');
const CONDITION = spec('condition', 'Condition', 'logic', ['true', 'false']);
const DRAFT = spec('create-draft', 'Create draft', 'action');
const SPECS = [HOOK, CONDITION, DRAFT];
const at = (x: number, y: number) => ({ x, y });

/** hook → condition (true) → draft, plus a note. */
function sample(): Graph {
  return {
    nodes: [
      { id: 'n1', type: 'webhook-in', position: at(0, 0), config: {} },
      { id: 'n2', type: 'condition', position: at(300, 0), config: {}, label: 'Only launches' },
      { id: 'n3', type: 'create-draft', position: at(600, 0), config: { text: 'Hi' } },
    ],
    edges: [
      { from: { node: 'n1', port: 'out' }, to: { node: 'n2', port: 'in' } },
      { from: { node: 'n2', port: 'true' }, to: { node: 'n3', port: 'in' } },
    ],
    notes: [{ id: 'note1', text: 'Ask Sam', position: at(0, 200) }],
  };
}

describe('copy and paste', () => {
  it('pastes copies with new ids, keeping the connections among the copied steps only', () => {
    const graph = sample();
    const clipboard = copy(graph, new Set(['n2', 'n3', 'note1']));
    expect(clipboard.edges).toEqual([graph.edges[1]]);

    const pasted = paste(graph, clipboard);
    expect(pasted.ids).toEqual(['n4', 'n5', 'note2']);
    const [condition, draft] = pasted.graph.nodes.slice(3);
    expect(condition).toMatchObject({ id: 'n4', type: 'condition', position: at(340, 40), label: 'Only launches 2' });
    expect(draft).toMatchObject({ id: 'n5', config: { text: 'Hi' }, position: at(640, 40) });
    expect(pasted.graph.edges.slice(2)).toEqual([
      { from: { node: 'n4', port: 'true' }, to: { node: 'n5', port: 'in' } },
    ]);
    expect(pasted.graph.notes?.[1]).toEqual({ id: 'note2', text: 'Ask Sam', position: at(40, 240) });
    // The originals are untouched, and the copy's config is its own.
    expect(pasted.graph.nodes.slice(0, 3)).toEqual(graph.nodes);
    draft.config['text'] = 'changed';
    expect(graph.nodes[2].config['text']).toBe('Hi');
  });

  it('pastes into another automation through clipboard text, avoiding the ids used there', () => {
    const text = clipboardText(copy(sample(), new Set(['n1', 'n2'])));
    const other: Graph = { nodes: [{ id: 'n1', type: 'schedule', position: at(0, 0), config: {} }], edges: [] };
    const pasted = paste(other, parseClipboard(text)!);
    expect(pasted.ids).toEqual(['n2', 'n3']);
    expect(pasted.graph.edges).toEqual([{ from: { node: 'n2', port: 'out' }, to: { node: 'n3', port: 'in' } }]);
  });

  it('reads only copied steps from the clipboard', () => {
    expect(parseClipboard('{"nodes": [], "edges": []}')).toBeNull();
    expect(parseClipboard('hello')).toBeNull();
    expect(
      parseClipboard(JSON.stringify({ kind: 'socialorchestrator/steps', graph: { nodes: [{}], edges: [] } })),
    ).toBeNull();
  });
});

describe('adding and naming steps', () => {
  it('numbers a label already on the canvas', () => {
    const first = addNode({ nodes: [], edges: [] }, CONDITION, at(0, 0), SPECS);
    const second = addNode(first.graph, CONDITION, at(0, 200), SPECS);
    expect(first.graph.nodes[0].label).toBeUndefined();
    expect(second.graph.nodes[1]).toMatchObject({ id: 'n2', label: 'Condition 2', config: { text: '{{title}}' } });
  });

  it('adds the next step right of a port, connected to it, below a step already there', () => {
    const graph = sample();
    const added = addNodeAfter(graph, { node: 'n2', port: 'false' }, DRAFT, SPECS);
    const node = added.graph.nodes.find((n) => n.id === added.id)!;
    expect(node.label).toBe('Create draft 2');
    expect(node.position.x).toBe(640);
    expect(node.position.y).toBeGreaterThanOrEqual(120);
    expect(added.graph.edges.at(-1)).toEqual({
      from: { node: 'n2', port: 'false' },
      to: { node: added.id, port: 'in' },
    });
  });

  it('renames a step, and an empty name gives back the type label', () => {
    const renamed = renameNode(sample(), 'n3', '  Launch post ');
    expect(renamed.nodes[2].label).toBe('Launch post');
    expect('label' in renameNode(renamed, 'n3', '').nodes[2]).toBe(false);
  });

  it('keeps notes apart from steps: new ids, moved and deleted with the selection, absent when none', () => {
    const withNote = addNote({ nodes: [], edges: [] }, at(5, 5), 'Hello');
    expect(withNote.id).toBe('note1');
    const moved = moveNodes(withNote.graph, [{ id: 'note1', position: at(50, 60) }]);
    expect(moved.notes?.[0].position).toEqual(at(50, 60));
    expect(removeNodes(moved, new Set(['note1']))).toEqual({ nodes: [], edges: [] });
  });
});

describe('auto-layout', () => {
  const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.abs(a.x - b.x) < DEFAULT_NODE_SIZE.width && Math.abs(a.y - b.y) < DEFAULT_NODE_SIZE.height;

  it('lays steps out left to right with no two cards overlapping', () => {
    const piled: Graph = {
      ...sample(),
      nodes: [
        ...sample().nodes.map((n) => ({ ...n, position: at(0, 0) })),
        { id: 'n4', type: 'create-draft', position: at(0, 0), config: {} },
      ],
      edges: [...sample().edges, { from: { node: 'n2', port: 'false' }, to: { node: 'n4', port: 'in' } }],
    };
    const laid = autoLayout(piled);
    const [hook, condition, yes, no] = laid.nodes.map((n) => n.position);
    expect(hook.x).toBeLessThan(condition.x);
    expect(condition.x).toBeLessThan(yes.x);
    expect(yes.x).toBe(no.x);
    for (let i = 0; i < laid.nodes.length; i++)
      for (let j = i + 1; j < laid.nodes.length; j++)
        expect(overlaps(laid.nodes[i].position, laid.nodes[j].position)).toBe(false);
    expect(laid.notes).toEqual(piled.notes);
  });
});

describe('what a step does on error', () => {
  it('gives a step that continues an error port, last, and takes its connections away when it stops', () => {
    expect(outputPorts(CONDITION, {}, { mode: 'continue' })).toEqual(['true', 'false', 'error']);
    expect(outputPorts(HOOK, {}, { mode: 'continue' })).toEqual(['out']);
    const graph = setErrorPolicy(sample(), 'n3', { mode: 'continue' });
    expect(graph.nodes[2].onError).toEqual({ mode: 'continue' });
    const wired = {
      ...graph,
      edges: [...graph.edges, { from: { node: 'n3', port: 'error' }, to: { node: 'n2', port: 'in' } }],
    };
    const retried = setErrorPolicy(wired, 'n3', { mode: 'retry', retries: 2, delaySeconds: 5 });
    expect(retried.edges.some((e) => e.from.port === 'error')).toBe(false);
    expect(retried.nodes[2].onError).toEqual({ mode: 'retry', retries: 2, delaySeconds: 5 });
    expect('onError' in setErrorPolicy(retried, 'n3', { mode: 'stop' }).nodes[2]).toBe(false);
  });

  it('sets and clears the automation’s error handler', () => {
    const handled = setErrorHandler(sample(), { kind: 'notify', roles: ['editor'] });
    expect(handled.errorHandler).toEqual({ kind: 'notify', roles: ['editor'] });
    expect('errorHandler' in setErrorHandler(handled, null)).toBe(false);
  });
});
