import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../jobs/background-jobs';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { AutomationEngine } from './automation-engine';

interface Step {
  nodeId: string;
  port: string | null;
  input: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  error: string | null;
}
interface RunBody {
  id: string;
  status: string;
  version: number;
  test: boolean;
  retryOf: string | null;
  error: string | null;
  steps: Step[];
  graph: { nodes: Array<{ id: string }> } | null;
}

const at = (x: number) => ({ x, y: 0 });
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const hook = { id: 'hook', type: 'webhook-in', position: at(0), config: {} };
const draftNode = (config: object = {}) => ({
  id: 'draft',
  type: 'create-draft',
  position: at(1),
  config: { text: '{{title}} — read more: {{link}}', accountIds: ['*'], ...config },
});

/** A local HTTP receiver that keeps every request body it gets. */
async function receiver(): Promise<{ url: string; bodies: string[]; close: () => void }> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
  return { url, bodies, close: () => server.close() };
}

/** Tests of the draft (dry runs), retries from a failed step and run search, in a real flow runtime. */
describe.each(DATABASE_KINDS)('test runs, retries and run search on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const api = (ws = workspaceId) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, ws)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, ws)).send(body),
    patch: (path: string, body: object = {}) => t.http.patch(`/api/v1${path}`).set(as(owner, ws)).send(body),
  });

  async function settled(runId: string, ws = workspaceId): Promise<RunBody> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api(ws).get(`/runs/${runId}`).expect(200);
      if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status)) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run ${runId} is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    await t.app.get(AutomationEngine).start();
    await t.app.get(BackgroundJobs).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Tests Inc');
    await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201);
  });
  afterAll(() => t?.close());

  it('tests the draft on its sample dry: nothing is posted or sent, the steps say what would have been', async () => {
    const inbox = await receiver();
    try {
      const graph = {
        nodes: [
          hook,
          draftNode(),
          { id: 'forward', type: 'send-webhook', position: at(2), config: { url: inbox.url } },
        ],
        edges: [edge('hook', 'out', 'draft'), edge('draft', 'out', 'forward')],
      };
      // Never published: a test runs the draft.
      const { body: created } = await api().post('/automations', { name: 'Blog to drafts', graph }).expect(201);
      const sample = { title: 'Dry launch', link: 'https://blog.example/dry' };
      await api().post(`/automations/${created.id}/nodes/hook/sample`, { source: 'pasted', json: sample }).expect(200);

      const { body: started } = await api()
        .post(`/automations/${created.id}/test-runs`, { nodeId: 'hook' })
        .expect(202);
      const run = await settled(started.runId);

      expect(run).toMatchObject({ status: 'succeeded', test: true, version: 0, retryOf: null });
      expect(run.steps.map((s) => [s.nodeId, s.port])).toEqual([
        ['hook', 'out'],
        ['draft', 'out'],
        ['forward', 'out'],
      ]);
      expect(run.steps[0].input).toMatchObject(sample);
      expect(run.steps[1].output!.simulated).toEqual({
        action: 'create-draft',
        post: {
          text: 'Dry launch — read more: https://blog.example/dry',
          labels: [],
          accounts: [{ id: expect.any(String), network: 'sandbox', name: 'Demo' }],
        },
      });
      expect(run.steps[2].output!.simulated).toMatchObject({
        action: 'send-webhook',
        url: inbox.url,
        method: 'POST',
        body: { title: 'Dry launch', postId: 'dry-run:draft' },
      });
      expect(run.graph!.nodes.map((n) => n.id)).toEqual(['hook', 'draft', 'forward']);
      const posts = await api().get('/posts').expect(200);
      expect(posts.body.items).toEqual([]);
      const bell = await api().get('/notifications').expect(200);
      expect(bell.body.items).toEqual([]);

      // The same graph published and run for real reaches the receiver: it got that delivery only.
      await api().post(`/automations/${created.id}/publish`).expect(200);
      const real = await api()
        .post(`/automations/${created.id}/test`, {
          nodeId: 'hook',
          payload: { title: 'Real launch', link: 'https://x.example' },
        })
        .expect(202);
      expect((await settled(real.body.runId)).test).toBe(false);
      for (let i = 0; i < 100 && !inbox.bodies.length; i++) await new Promise((r) => setTimeout(r, 100));
      expect(inbox.bodies.map((b) => JSON.parse(b).title)).toEqual(['Real launch']);
    } finally {
      inbox.close();
    }
  });

  it('tests the current draft, not the published version, and refuses a draft that cannot run', async () => {
    const published = { nodes: [hook, draftNode({ text: 'old {{title}}' })], edges: [edge('hook', 'out', 'draft')] };
    const { body: created } = await api().post('/automations', { name: 'Edited', graph: published }).expect(201);
    await api().post(`/automations/${created.id}/publish`).expect(200);
    const edited = { nodes: [hook, draftNode({ text: 'new {{title}}' })], edges: [edge('hook', 'out', 'draft')] };
    await api().patch(`/automations/${created.id}`, { graph: edited }).expect(200);

    const { body } = await api()
      .post(`/automations/${created.id}/test-runs`, { nodeId: 'hook', payload: { title: 'T' } })
      .expect(202);
    const run = await settled(body.runId);
    expect((run.steps[1].output!.simulated as { post: { text: string } }).post.text).toBe('new T');

    const noSample = await api().post(`/automations/${created.id}/test-runs`, { nodeId: 'hook' }).expect(400);
    expect(noSample.body.detail).toMatch(/^payload: /);
    const notTrigger = await api()
      .post(`/automations/${created.id}/test-runs`, { nodeId: 'draft', payload: {} })
      .expect(400);
    expect(notTrigger.body.detail).toMatch(/^nodeId: /);
    await api().post(`/automations/${created.id}/test-runs`, { payload: {} }).expect(400);
  });

  it('retries a failed run from its failed step with that step’s input, as a new run naming the old', async () => {
    // The step names a field the events do not have: it fails, naming it.
    const broken = { nodes: [hook, draftNode({ text: '{{headline}}' })], edges: [edge('hook', 'out', 'draft')] };
    const { body: created } = await api().post('/automations', { name: 'Retry me', graph: broken }).expect(201);
    await api().post(`/automations/${created.id}/publish`).expect(200);
    const first = await api()
      .post(`/automations/${created.id}/test`, {
        nodeId: 'hook',
        payload: { title: 'Retry', link: 'https://r.example' },
      })
      .expect(202);
    const failed = await settled(first.body.runId);
    expect(failed.status).toBe('failed');
    expect(failed.steps.at(-1)).toMatchObject({ nodeId: 'draft', error: expect.stringContaining('headline') });

    // The step is fixed and published; the retry starts at that step, not at the trigger.
    const fixed = { nodes: [hook, draftNode()], edges: [edge('hook', 'out', 'draft')] };
    await api().patch(`/automations/${created.id}`, { graph: fixed }).expect(200);
    await api().post(`/automations/${created.id}/publish`).expect(200);
    const { body: retry } = await api().post(`/runs/${failed.id}/retry`).expect(202);
    expect(retry).toMatchObject({ retryOf: failed.id, triggerNodeId: 'draft', test: false, version: 2 });
    const done = await settled(retry.id);
    expect(done.status).toBe('succeeded');
    expect(done.steps.map((s) => s.nodeId)).toEqual(['draft']);
    expect(done.steps[0].input).toEqual(failed.steps.at(-1)!.input);
    const post = await api()
      .get(`/posts/${done.steps[0].output!.postId as string}`)
      .expect(200);
    expect(post.body.text).toBe('Retry — read more: https://r.example');

    const again = await api().post(`/runs/${done.id}/retry`).expect(409);
    expect(again.body.detail).toMatch(/^status: /);
    // Another workspace's run is not found.
    const elsewhere = await newWorkspace(t, owner, 'Elsewhere');
    await api(elsewhere).post(`/runs/${failed.id}/retry`).expect(404);
  });

  it('finds runs by status and date range, newest first', async () => {
    const graph = {
      nodes: [
        hook,
        { id: 'mail', type: 'send-email', position: at(1), config: { to: '{{to}}', subject: 'Hi', body: 'Hello' } },
      ],
      edges: [edge('hook', 'out', 'mail')],
    };
    const { body: created } = await api().post('/automations', { name: 'Searchable', graph }).expect(201);
    await api().post(`/automations/${created.id}/publish`).expect(200);
    const before = new Date(Date.now() - 1000);
    const ids: Record<string, string[]> = { succeeded: [], failed: [] };
    // An address that is none fails its run.
    for (const to of ['a@example.com', 'nobody', 'b@example.com', 'nobody', 'c@example.com']) {
      const { body } = await api()
        .post(`/automations/${created.id}/test`, { nodeId: 'hook', payload: { to } })
        .expect(202);
      const run = await settled(body.runId);
      ids[run.status].push(run.id);
    }
    const after = new Date(Date.now() + 1000);
    const list = (query: string) => api().get(`/automations/${created.id}/runs?${query}`).expect(200);

    expect((await list('status=failed')).body.items.map((r: RunBody) => r.id)).toEqual([...ids.failed].reverse());
    expect((await list('status=succeeded')).body.items.map((r: RunBody) => r.id)).toEqual([...ids.succeeded].reverse());
    const range = `from=${before.toISOString()}&to=${after.toISOString()}`;
    expect((await list(range)).body.items).toHaveLength(5);
    expect((await list(`status=failed&${range}`)).body.items).toHaveLength(2);
    expect((await list(`from=${after.toISOString()}`)).body.items).toEqual([]);
    expect((await list(`to=${before.toISOString()}`)).body.items).toEqual([]);

    // At a million runs the search is an index search of the automation's runs (by status and id,
    // or by id range where the planner prefers it), never a scan of every run.
    if (kind === 'sqlite') {
      const plan = (await t.db.query(
        'EXPLAIN QUERY PLAN SELECT * FROM automation_runs WHERE "workspaceId" = ? AND "automationId" = ? AND status = ? AND id >= ? AND id < ? ORDER BY id DESC LIMIT 51',
        [workspaceId, created.id, 'failed', ids.failed[0], ids.failed[1]],
      )) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join(' ')).toMatch(
        /^SEARCH automation_runs USING INDEX ix_automation_runs_automation/,
      );
    }
    const bad = await api().get(`/automations/${created.id}/runs?status=done`).expect(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const badDate = await api().get(`/automations/${created.id}/runs?from=yesterday`).expect(400);
    expect(JSON.stringify(badDate.body)).toContain('from');
  });
});
