import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line @typescript-eslint/no-require-imports
import helper = require('node-red-node-test-helper');
import { NODE_CATALOG } from '../catalog';
import { BACKEND_SETTING, encodeCompiledNode } from '../protocol';
import { echo, FakeBackend } from '../testing/fake-backend';

/* eslint-disable @typescript-eslint/no-require-imports */
const triggers = require('../../dist/nodes/triggers.js');
const logic = require('../../dist/nodes/logic.js');
const actions = require('../../dist/nodes/actions.js');
/* eslint-enable @typescript-eslint/no-require-imports */

helper.init(require.resolve('node-red'));

interface Msg {
  payload: Record<string, unknown>;
  _so: { runId: string; hops: number; resume?: { port: string } };
}
type TestNode = { receive(msg: object): void; on(event: string, handler: (arg: Msg) => void): void };

const TAB = {
  id: 'tab',
  type: 'tab',
  label: 'automation',
  env: [{ name: 'SO_TOKEN', type: 'str', value: 'ws-token' }],
};
const msg = (payload: Record<string, unknown>): Msg => ({ payload, _so: { runId: 'run-1', hops: 0 } });

/** A compiled node as the backend deploys it, wired to one helper node per output port. */
function compiled(type: string, ports: string[], config: Record<string, unknown>) {
  return {
    id: 'n1',
    type: `so-${type}`,
    z: 'tab',
    wires: ports.map((port) => [`out-${port}`]),
    so: encodeCompiledNode({ nodeId: 'g1', type, ports, config, workspaceId: 'w1' }),
  };
}

/** Loads one node and collects what reaches each of its ports. */
async function load(type: string, ports: string[], config: Record<string, unknown>) {
  const outs = ports.map((port) => ({ id: `out-${port}`, type: 'helper', z: 'tab' }));
  await helper.load([triggers, logic, actions], [TAB, compiled(type, ports, config), ...outs]);
  const received: Array<[string, Msg]> = [];
  for (const port of ports) {
    testNode(`out-${port}`).on('input', (m: Msg) => received.push([port, m]));
  }
  const node = testNode('n1');
  return { node, received };
}

const testNode = (id: string) => helper.getNode(id) as unknown as TestNode;

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

describe('rule nodes in Node-RED', () => {
  const backend = new FakeBackend();

  beforeAll(async () => {
    // The host's own setting, which the helper's settings type does not list.
    helper.settings({ [BACKEND_SETTING]: backend } as Parameters<typeof helper.settings>[0]);
    await new Promise<void>((resolve) => helper.startServer(resolve));
  });
  afterEach(async () => {
    await helper.unload();
    backend.received.length = 0;
    backend.answer = echo;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => helper.stopServer(resolve));
  });

  it('passes a trigger message on unchanged', async () => {
    const { node, received } = await load('rss-in', ['out'], { feedUrl: 'https://blog.example/feed' });
    node.receive(msg({ title: 'Hello' }));
    await settle();
    expect(received).toEqual([['out', expect.objectContaining({ payload: { title: 'Hello' } })]]);
  });

  it('routes a condition to true or false with whole-word and hashtag operators', async () => {
    const rules = {
      any: [
        { fact: 'title', operator: 'containsWord', value: 'launch' },
        { fact: 'title', operator: 'containsHashtag', value: 'news' },
      ],
    };
    const { node, received } = await load('condition', ['true', 'false'], { rules });
    node.receive(msg({ title: 'Launch day!' }));
    node.receive(msg({ title: 'We relaunched' }));
    node.receive(msg({ title: 'Big #News today' }));
    node.receive(msg({ title: 'Read #newsletter' }));
    node.receive(msg({}));
    await settle();
    expect(received.map(([port, m]) => [String(m.payload.title ?? ''), port]).sort()).toEqual([
      ['', 'false'],
      ['Big #News today', 'true'],
      ['Launch day!', 'true'],
      ['Read #newsletter', 'false'],
      ['We relaunched', 'false'],
    ]);
  });

  it('supports not and the engine operators on numbers', async () => {
    const rules = { not: { fact: 'likes', operator: 'greaterThanInclusive', value: 10 } };
    const { node, received } = await load('condition', ['true', 'false'], { rules });
    node.receive(msg({ likes: 3 }));
    node.receive(msg({ likes: 12 }));
    await settle();
    // The engine is asynchronous: messages may leave in another order than they came.
    expect(received.map(([port, m]) => [m.payload.likes, port]).sort()).toEqual([
      [12, 'false'],
      [3, 'true'],
    ]);
  });

  it('switches on a field, falling through to otherwise', async () => {
    const cases = [
      { port: 'news', equals: 'news' },
      { port: 'sale', equals: 'sale' },
    ];
    const { node, received } = await load('switch', ['news', 'sale', 'otherwise'], { field: 'post.category', cases });
    node.receive(msg({ post: { category: 'sale' } }));
    node.receive(msg({ post: { category: 'other' } }));
    await settle();
    expect(received.map(([port]) => port)).toEqual(['sale', 'otherwise']);
  });

  it('waits a short delay in memory', async () => {
    const { node, received } = await load('delay', ['out'], { mode: 'for', minutes: 0.002 });
    node.receive(msg({ n: 1 }));
    await settle(20);
    expect(received).toHaveLength(0);
    await settle(200);
    expect(received).toHaveLength(1);
    expect(backend.received).toHaveLength(0);
  });

  it('parks a long delay with the backend and continues when resumed', async () => {
    backend.answer = () => ({ waiting: true });
    const { node, received } = await load('delay', ['out'], { mode: 'until', until: '{{at}}' });
    node.receive(msg({ at: '2099-01-01T00:00:00Z' }));
    await settle();
    expect(backend.received[0].config).toEqual({ mode: 'until', until: '2099-01-01T00:00:00Z' });
    expect(received).toHaveLength(0);
    node.receive({ ...msg({ at: '2099-01-01T00:00:00Z' }), _so: { runId: 'run-1', hops: 1, resume: { port: 'out' } } });
    await settle();
    expect(received).toHaveLength(1);
  });

  it('has the backend act with resolved placeholders and its workspace token, and sends on its answer', async () => {
    const { node, received } = await load('create-draft', ['out'], {
      text: 'New: {{title}} {{link}} {{missing | ""}}',
      accountIds: ['*'],
    });
    node.receive(msg({ title: 'Autumn menu', link: 'https://blog.example/autumn' }));
    await settle();
    expect(backend.received).toEqual([
      {
        type: 'create-draft',
        token: 'ws-token',
        runId: 'run-1',
        nodeId: 'g1',
        config: { text: 'New: Autumn menu https://blog.example/autumn ', accountIds: ['*'] },
        payload: { title: 'Autumn menu', link: 'https://blog.example/autumn' },
      },
    ]);
    expect(received[0][1].payload).toEqual({
      title: 'Autumn menu',
      link: 'https://blog.example/autumn',
      done: 'create-draft',
    });
  });

  it.each(NODE_CATALOG.filter((spec) => spec.category === 'action').map((spec) => [spec.type, spec] as const))(
    '%s relays to the backend with its template fields resolved',
    async (type, spec) => {
      const templated = spec.config.filter((f) => f.kind === 'template').map((f) => f.key);
      const config = Object.fromEntries(templated.map((key) => [key, `${key}: {{title}}`]));
      const { node, received } = await load(type, spec.outputs, config);
      node.receive(msg({ title: 'Hi' }));
      await settle();
      expect(backend.received).toHaveLength(1);
      expect(backend.received[0].type).toBe(type);
      expect(backend.received[0].config).toEqual(Object.fromEntries(templated.map((key) => [key, `${key}: Hi`])));
      expect(received.map(([port]) => port)).toEqual([spec.outputs[0]]);
    },
  );

  it("checks a post's metrics with the backend and continues on the port it names", async () => {
    backend.answer = (call) => ({
      payload: { ...call.payload, metrics: { engagement: 90 } },
      port: call.payload.postId === 'p1' ? 'true' : 'false',
    });
    const { node, received } = await load('metric-check', ['true', 'false'], {
      postId: '{{postId}}',
      metric: 'engagement',
      value: 3,
      basis: 'accountMedian',
    });
    node.receive(msg({ postId: 'p1' }));
    await settle();
    node.receive(msg({ postId: 'p2' }));
    await settle();
    expect(backend.received.map((c) => [c.type, c.config.postId])).toEqual([
      ['metric-check', 'p1'],
      ['metric-check', 'p2'],
    ]);
    expect(received.map(([port, m]) => [port, m.payload.postId, m.payload.metrics])).toEqual([
      ['true', 'p1', { engagement: 90 }],
      ['false', 'p2', { engagement: 90 }],
    ]);
  });

  it('asks the backend for the top post and sends none on when there is none', async () => {
    backend.answer = () => ({ payload: {}, port: 'none' });
    const { node, received } = await load('top-post', ['out', 'none'], { metric: 'engagement', days: 30 });
    node.receive(msg({ firedAt: '2026-01-05T09:00:00Z' }));
    await settle();
    expect(backend.received[0]).toMatchObject({ type: 'top-post', config: { metric: 'engagement', days: 30 } });
    expect(received.map(([port]) => port)).toEqual(['none']);
  });

  it('leaves a request for approval waiting, then continues on the port the decision names', async () => {
    backend.answer = () => ({ waiting: true });
    const { node, received } = await load('request-approval', ['approved', 'declined', 'timeout'], {
      postId: '{{postId}}',
    });
    node.receive(msg({ postId: 'p1' }));
    await settle();
    expect(backend.received[0].config).toEqual({ postId: 'p1' });
    expect(received).toHaveLength(0);
    node.receive({
      payload: { postId: 'p1', reason: 'off brand' },
      _so: { runId: 'run-1', hops: 2, resume: { port: 'declined' } },
    });
    await settle();
    expect(received.map(([port, m]) => [port, m.payload.reason])).toEqual([['declined', 'off brand']]);
  });

  it('reports a refused action as the node failing, naming the reason', async () => {
    backend.answer = () => ({ refused: 'accountIds: no such account a9' });
    await helper.load(
      [triggers, logic, actions],
      [
        TAB,
        compiled('create-draft', ['out'], { text: 'x', accountIds: ['a9'] }),
        { id: 'c', type: 'catch', z: 'tab', wires: [['h']] },
        { id: 'h', type: 'helper', z: 'tab' },
      ],
    );
    const caught = new Promise<{ error: { message: string } }>((resolve) =>
      testNode('h').on('input', resolve as never),
    );
    testNode('n1').receive(msg({}));
    expect((await caught).error.message).toContain('accountIds: no such account a9');
  });

  it('fails a step whose placeholder finds nothing, naming the step by its label and the field, and asks nothing of the backend', async () => {
    await helper.load(
      [triggers, logic, actions],
      [
        TAB,
        {
          ...compiled('create-draft', ['out'], { text: '{{title}} — read more: {{link}}', accountIds: ['*'] }),
          name: 'Announce',
        },
        { id: 'c', type: 'catch', z: 'tab', wires: [['h']] },
        { id: 'h', type: 'helper', z: 'tab' },
      ],
    );
    const caught = new Promise<{ error: { message: string } }>((resolve) =>
      testNode('h').on('input', resolve as never),
    );
    testNode('n1').receive(msg({ headline: 'Launch day', url: 'https://blog.example/launch' }));
    expect((await caught).error.message).toContain('Step "Announce": Text needs {{title}}, {{link}}');
    expect(backend.received).toEqual([]);
  });
});
