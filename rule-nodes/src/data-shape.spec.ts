import { describe, expect, it } from 'vitest';
import { fieldsAvailable, payloadPaths } from './data-shape';
import type { Graph, GraphNode } from './graph';
import { examplePayload } from './node-outputs';
import { NODE_CATALOG } from './catalog';

const node = (id: string, type: GraphNode['type'], config: Record<string, unknown> = {}): GraphNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});
const edge = (from: string, to: string, port = 'out') => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const paths = (fields: Array<{ path: string }>) => fields.map((f) => f.path).sort();

describe('fieldsAvailable', () => {
  it('gives a step the sample of its trigger, with the sampled values', () => {
    const graph: Graph = {
      nodes: [node('hook', 'webhook-in'), node('draft', 'create-draft')],
      edges: [edge('hook', 'draft')],
    };
    const fields = fieldsAvailable(graph, { hook: { headline: 'Spring', author: { name: 'Maya' } } });
    expect(fields.hook).toEqual([]);
    expect(fields.draft).toEqual([
      { path: 'headline', example: 'Spring', sampled: true, from: 'hook' },
      { path: 'author', example: { name: 'Maya' }, sampled: true, from: 'hook' },
      { path: 'author.name', example: 'Maya', sampled: true, from: 'hook' },
    ]);
  });

  it("uses the catalog's example without a sample, and adds what each step adds downstream", () => {
    const graph: Graph = {
      nodes: [
        node('feed', 'rss-in'),
        node('caption', 'ai-caption'),
        node('draft', 'create-draft'),
        node('ask', 'request-approval'),
      ],
      edges: [edge('feed', 'caption'), edge('caption', 'draft'), edge('draft', 'ask')],
    };
    const fields = fieldsAvailable(graph);
    expect(paths(fields.caption)).toContain('title');
    expect(fields.caption.every((f) => !f.sampled && f.from === 'feed')).toBe(true);
    expect(paths(fields.draft)).toEqual([...paths(fields.caption), 'caption', 'generator'].sort());
    expect(fields.ask.find((f) => f.path === 'postId')).toMatchObject({ from: 'draft', sampled: false });
  });

  it('joins the fields of every incoming path', () => {
    const graph: Graph = {
      nodes: [node('feed', 'rss-in'), node('tick', 'schedule'), node('notify', 'notify')],
      edges: [edge('feed', 'notify'), edge('tick', 'notify')],
    };
    const fields = fieldsAvailable(graph, { tick: { firedAt: '2026-12-07T09:00:00.000Z' } });
    expect(paths(fields.notify)).toEqual(expect.arrayContaining(['title', 'link', 'firedAt']));
    expect(fields.notify.find((f) => f.path === 'firedAt')).toMatchObject({ sampled: true, from: 'tick' });
  });

  it('reaches a fixed point through a loop', () => {
    const graph: Graph = {
      nodes: [node('hook', 'webhook-in'), node('wait', 'delay'), node('draft', 'create-draft')],
      edges: [edge('hook', 'wait'), edge('wait', 'draft'), edge('draft', 'wait')],
    };
    const fields = fieldsAvailable(graph, { hook: { title: 'x' } });
    // The draft's postId comes back round the loop to the wait, and on to the draft itself.
    expect(paths(fields.wait)).toEqual(['postId', 'title']);
    expect(paths(fields.draft)).toEqual(['postId', 'title']);
  });

  it('gives nothing to a step no trigger reaches', () => {
    const graph: Graph = { nodes: [node('draft', 'create-draft')], edges: [] };
    expect(fieldsAvailable(graph).draft).toEqual([]);
  });
});

describe('payloadPaths and examples', () => {
  it('walks nested objects and the first list item, not further than three levels', () => {
    const got = payloadPaths({ a: { b: { c: { d: { e: 1 } } } }, tags: [{ name: 'x' }] }).map((p) => p.path);
    expect(got).toEqual(['a', 'a.b', 'a.b.c', 'a.b.c.d', 'tags', 'tags.0', 'tags.0.name']);
  });

  it('every trigger but a generic webhook has an example; a preset webhook gives its mapped fields', () => {
    for (const spec of NODE_CATALOG.filter((s) => s.category === 'trigger' && s.type !== 'webhook-in')) {
      expect(Object.keys(examplePayload(spec.type)).length).toBeGreaterThan(0);
    }
    expect(examplePayload('webhook-in', 'generic')).toEqual({});
    expect(examplePayload('webhook-in', 'wordpress')).toHaveProperty('title');
  });
});

describe('fields after an error port', () => {
  it('are the failing step’s input with error.message and error.step', () => {
    const graph = {
      nodes: [
        { id: 't', type: 'rss-in' as const, position: { x: 0, y: 0 }, config: { feedUrl: 'https://a.example/feed' } },
        {
          id: 'd',
          type: 'create-draft' as const,
          position: { x: 0, y: 0 },
          config: {},
          onError: { mode: 'continue' as const },
        },
        { id: 'n', type: 'notify' as const, position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [
        { from: { node: 't', port: 'out' }, to: { node: 'd', port: 'in' } },
        { from: { node: 'd', port: 'error' }, to: { node: 'n', port: 'in' } },
      ],
    };
    const paths = fieldsAvailable(graph)['n'].map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'error', 'error.message', 'error.step']));
    expect(paths).not.toContain('postId');
  });
});
