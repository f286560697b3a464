import { describe, expect, it } from 'vitest';
import { validateGraph } from './graph-validation';

const at = { x: 0, y: 0 };
const hook = { id: 'hook', type: 'webhook-in', position: at, config: {} };
const again = {
  id: 'again',
  type: 'condition',
  position: at,
  config: { rules: { all: [{ fact: 'title', operator: 'containsWord', value: 'x' }] } },
};
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

/** hook → wait → again → (true) back to wait: a loop whose only chance to wait is `wait`. */
const loopThrough = (wait: { id: string; type: string; config: Record<string, unknown> }) => ({
  nodes: [hook, { ...wait, position: at }, again],
  edges: [
    edge('hook', 'out', wait.id),
    edge(wait.id, wait.type === 'request-approval' ? 'approved' : 'out', 'again'),
    edge('again', 'true', wait.id),
  ],
});

describe('loops in a graph', () => {
  it.each([
    ['zero minutes', { minutes: 0 }],
    ['zero minutes, said explicitly', { mode: 'for', minutes: 0 }],
    ['a time that passes once', { mode: 'until', until: '2027-01-01T09:00:00Z' }],
  ])('refuses a loop whose delay waits %s, naming the delay', (_what, config) => {
    expect(validateGraph(loopThrough({ id: 'wait', type: 'delay', config }))).toEqual([
      {
        field: 'graph.nodes.wait.config',
        message:
          'Delay / wait until is in a loop (Delay / wait until → Condition) but does not wait: it needs some minutes (not 0, not "until a time") or the loop would spin without end',
      },
    ]);
  });

  it('accepts a loop through a delay of some minutes, or through an approval', () => {
    expect(validateGraph(loopThrough({ id: 'wait', type: 'delay', config: { minutes: 5 } }))).toEqual([]);
    expect(validateGraph(loopThrough({ id: 'ask', type: 'request-approval', config: {} }))).toEqual([]);
  });

  it('refuses a loop with no delay at all, naming where it starts', () => {
    const graph = { nodes: [hook, again], edges: [edge('hook', 'out', 'again'), edge('again', 'true', 'again')] };
    expect(validateGraph(graph)).toEqual([
      {
        field: 'graph.nodes.again',
        message: 'Condition is in a loop (Condition) with no delay or approval to wait at',
      },
    ]);
  });
});

describe('names and notes', () => {
  const valid = { nodes: [hook], edges: [] };

  it('names steps by their label (with the type when it differs), never by id', () => {
    const draft = { id: 'n7', type: 'create-draft', position: at, config: {}, label: 'Launch post' };
    const graph = { nodes: [hook, draft], edges: [edge('hook', 'out', 'n7'), edge('n7', 'nope', 'hook')] };
    const messages = validateGraph(graph).map((p) => p.message);
    expect(messages).toContain('Launch post (Create draft): Text is required');
    expect(messages).toContain('Launch post (Create draft) has no output nope (it has out)');
    expect(messages.join('\n')).not.toMatch(/\bn7\b/);
  });

  it('accepts sticky notes and labels, and refuses malformed ones', () => {
    const notes = [{ id: 'note1', text: 'Ask Sam before changing', position: { x: 10, y: 20 } }];
    expect(validateGraph({ ...valid, notes })).toEqual([]);
    expect(validateGraph({ nodes: [{ ...hook, label: 'Blog hook' }], edges: [] })).toEqual([]);
    expect(validateGraph({ ...valid, notes: [{ id: 'note1', text: 5, position: at }] })).toEqual([
      { field: 'graph.notes[0]', message: expect.stringMatching(/^Note 1 must be/) },
    ]);
    expect(validateGraph({ ...valid, notes: [{ id: 'hook', text: '', position: at }] })).toEqual([
      { field: 'graph.notes[0]', message: 'Note 1 uses an id already taken' },
    ]);
    expect(validateGraph({ nodes: [{ ...hook, label: 'x'.repeat(81) }], edges: [] })).toEqual([
      { field: 'graph.nodes.hook.label', message: 'Inbound webhook: a name must be text of at most 80 characters' },
    ]);
  });
});

describe('error policies in a graph', () => {
  const draft = (onError: unknown) => ({
    id: 'd1',
    type: 'create-draft',
    label: 'Announce',
    position: at,
    config: { text: 'x', accountIds: ['*'] },
    onError,
  });

  it('names the step by label and the field of a bad value', () => {
    const problems = validateGraph({
      nodes: [hook, draft({ mode: 'retry', retries: 9 })],
      edges: [edge('hook', 'out', 'd1')],
    });
    expect(problems).toEqual([
      {
        field: 'graph.nodes.d1.onError.retries',
        message: 'Announce (Create draft): Retries must be a whole number from 1 to 5',
      },
    ]);
  });

  it('lets a step that continues on error connect its error port, and says why another cannot', () => {
    const notify = { id: 'tell', type: 'notify', position: at, config: { message: '{{error.message}}' } };
    const graph = (mode: string) => ({
      nodes: [hook, draft({ mode }), notify],
      edges: [edge('hook', 'out', 'd1'), { from: { node: 'd1', port: 'error' }, to: { node: 'tell', port: 'in' } }],
    });
    expect(validateGraph(graph('continue'))).toEqual([]);
    expect(validateGraph(graph('stop'))).toEqual([
      {
        field: 'graph.edges[1]',
        message: 'Announce (Create draft) has no error output: set its On error to continue on the error port',
      },
    ]);
  });

  it('checks the error handler’s shape', () => {
    expect(
      validateGraph({ nodes: [hook], edges: [], errorHandler: { kind: 'notify', roles: [] } }).map((p) => p.field),
    ).toEqual(['graph.errorHandler.roles']);
  });

  it('lets a draft (an import) leave required fields empty, never a bad value', () => {
    const half = { nodes: [draft(undefined), { ...hook, config: { preset: 'nope' } }], edges: [] };
    (half.nodes[0].config as Record<string, unknown>) = {};
    expect(validateGraph(half, { draft: true }).map((p) => p.field)).toEqual(['graph.nodes.hook.config.preset']);
  });
});
