import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

const rss = { id: 'feed', type: 'rss-in', position: { x: 0, y: 0 }, config: { feedUrl: 'https://blog.example/feed' } };
const cond = {
  id: 'match',
  type: 'condition',
  position: { x: 200, y: 0 },
  config: { rules: { any: [{ fact: 'title', operator: 'containsWord', value: 'launch' }] } },
};
const draft = {
  id: 'draft',
  type: 'create-draft',
  position: { x: 400, y: 0 },
  config: { text: '{{title}} {{link}}', accountIds: ['*'] },
};
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const valid = { nodes: [rss, cond, draft], edges: [edge('feed', 'out', 'match'), edge('match', 'true', 'draft')] };

describe.each(DATABASE_KINDS)('automations API on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let otherWorkspace: string;
  const api = (ws = workspaceId) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, ws)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, ws)).send(body),
    patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set(as(owner, ws)).send(body),
    delete: (path: string) => t.http.delete(`/api/v1${path}`).set(as(owner, ws)),
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Flows Inc');
    otherWorkspace = await newWorkspace(t, owner, 'Other Co');
  });
  afterAll(() => t?.close());

  it('serves the node catalog with every public node type', async () => {
    const res = await api().get('/automations/node-types').expect(200);
    expect(res.body.items.map((n: { type: string }) => n.type)).toEqual([
      'rss-in',
      'webhook-in',
      'schedule',
      'post-event',
      'metric-threshold',
      'automation-failed',
      'condition',
      'switch',
      'delay',
      'metric-check',
      'top-post',
      'rotate',
      'day-check',
      'collect',
      'take-collected',
      'create-draft',
      'schedule-post',
      'publish-now',
      'add-labels',
      'request-approval',
      'notify',
      'send-webhook',
      'send-email',
      'ai-caption',
    ]);
    const condition = res.body.items.find((n: { type: string }) => n.type === 'condition');
    expect(condition).toMatchObject({ category: 'logic', inputs: ['in'], outputs: ['true', 'false'] });
  });

  it('keeps a draft as edited, and publishes only a valid graph, naming the node and field', async () => {
    const created = await api().post('/automations', { name: 'Blog to drafts' }).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ enabled: false, publishedVersion: null, graph: { nodes: [], edges: [] } });

    const broken = {
      nodes: [
        rss,
        { ...cond, config: {} },
        { ...draft, config: { accountIds: ['*'] } },
        { id: 'x', type: 'function', position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [edge('feed', 'out', 'match'), edge('match', 'maybe', 'draft'), edge('match', 'true', 'ghost')],
    };
    await api().patch(`/automations/${id}`, { graph: broken }).expect(200);
    const refused = await api().post(`/automations/${id}/publish`).expect(400);
    expect(refused.body.code).toBe('INVALID_GRAPH');
    const fields = refused.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'graph.nodes.match.config.rules',
        'graph.nodes.draft.config.text',
        'graph.nodes.x.type',
        'graph.edges[1]',
        'graph.edges[2]',
      ]),
    );
    const messages = refused.body.errors.map((e: { message: string }) => e.message).join('\n');
    expect(messages).toContain('Unknown node type function');
    expect(messages).toContain('Connection 3 (out of Condition) leads to a step that is not in the graph (ghost)');
    expect(messages).toContain('Condition has no output maybe (it has true, false)');
  });

  it('refuses a loop with nothing to wait at, and accepts one through a delay', async () => {
    const { body } = await api().post('/automations', { name: 'Loop' }).expect(201);
    const loop = {
      nodes: [rss, cond, { id: 'wait', type: 'delay', position: { x: 0, y: 0 }, config: { minutes: 5 } }],
      edges: [edge('feed', 'out', 'match'), edge('match', 'true', 'match')],
    };
    await api().patch(`/automations/${body.id}`, { graph: loop }).expect(200);
    const refused = await api().post(`/automations/${body.id}/publish`).expect(400);
    expect(refused.body.errors[0]).toEqual({
      field: 'graph.nodes.match',
      message: 'Condition is in a loop (Condition) with no delay or approval to wait at',
    });
    loop.edges = [edge('feed', 'out', 'match'), edge('match', 'true', 'wait'), edge('wait', 'out', 'match')];
    // A delay of no minutes is no wait: the loop would spin (ten events once wrote 100,000 steps).
    loop.nodes[2] = { ...loop.nodes[2], config: { minutes: 0 } };
    await api().patch(`/automations/${body.id}`, { graph: loop }).expect(200);
    const spinning = await api().post(`/automations/${body.id}/publish`).expect(400);
    expect(spinning.body.errors).toEqual([
      {
        field: 'graph.nodes.wait.config',
        message:
          'Delay / wait until is in a loop (Condition → Delay / wait until) but does not wait: it needs some minutes (not 0, not "until a time") or the loop would spin without end',
      },
    ]);
    loop.nodes[2] = { ...loop.nodes[2], config: { minutes: 5 } };
    await api().patch(`/automations/${body.id}`, { graph: loop }).expect(200);
    await api().post(`/automations/${body.id}/publish`).expect(200);
  });

  it('publishes versions, restores one into the draft, and enables and disables', async () => {
    const { body } = await api().post('/automations', { name: 'Versions', graph: valid }).expect(201);
    const first = await api().post(`/automations/${body.id}/publish`).expect(200);
    expect(first.body.version).toBe(1);
    const renamed = { ...valid, nodes: [rss, cond, { ...draft, config: { ...draft.config, text: 'New: {{title}}' } }] };
    await api().patch(`/automations/${body.id}`, { graph: renamed }).expect(200);
    expect((await api().post(`/automations/${body.id}/publish`).expect(200)).body.version).toBe(2);

    const versions = await api().get(`/automations/${body.id}/versions`).expect(200);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const restored = await api().post(`/automations/${body.id}/versions/1/restore`).expect(200);
    expect(restored.body.graph.nodes[2].config.text).toBe('{{title}} {{link}}');
    expect(restored.body.publishedVersion).toBe(2);

    expect((await api().post(`/automations/${body.id}/disable`).expect(200)).body.enabled).toBe(false);
    expect((await api().post(`/automations/${body.id}/enable`).expect(200)).body.enabled).toBe(true);
    const list = await api().get('/automations').expect(200);
    expect(list.body.items.find((a: { id: string }) => a.id === body.id)).toMatchObject({
      enabled: true,
      publishedVersion: 2,
      lastRun: null,
    });
  });

  it('refuses to enable an automation that was never published', async () => {
    const { body } = await api().post('/automations', { name: 'Unpublished' }).expect(201);
    expect((await api().post(`/automations/${body.id}/enable`).expect(409)).body.code).toBe('NOT_PUBLISHED');
  });

  it('creates a hook with its secret shown once', async () => {
    const { body } = await api().post('/automations', { name: 'Hooked' }).expect(201);
    const hook = await api().post(`/automations/${body.id}/hooks`).expect(201);
    expect(hook.body.url).toBe(`http://app.test/api/v1/hooks/${hook.body.hookId}`);
    expect(hook.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await api().get(`/automations/${body.id}`).expect(200);
    expect(again.body.hook).toEqual({ hookId: hook.body.hookId, url: hook.body.url });
    expect(JSON.stringify(again.body)).not.toContain(hook.body.secret);
  });

  it("lists an automation's addresses without secrets and revokes one", async () => {
    const { body } = await api().post('/automations', { name: 'Two senders' }).expect(201);
    const first = (await api().post(`/automations/${body.id}/hooks`).expect(201)).body;
    const second = (await api().post(`/automations/${body.id}/hooks`).expect(201)).body;
    const listed = (await api().get(`/automations/${body.id}/hooks`).expect(200)).body.items;
    expect(listed.map((h: { hookId: string; url: string }) => [h.hookId, h.url])).toEqual([
      [first.hookId, first.url],
      [second.hookId, second.url],
    ]);
    expect(JSON.stringify(listed)).not.toContain(first.secret);
    await api().delete(`/automations/${body.id}/hooks/${first.hookId}`).expect(204);
    await api().delete(`/automations/${body.id}/hooks/${first.hookId}`).expect(404);
    expect((await api().get(`/automations/${body.id}/hooks`).expect(200)).body.items).toHaveLength(1);
    await t.http.post(`/api/v1/hooks/${first.hookId}`).send({ title: 'late' }).expect(404);
  });

  it("keeps another workspace's automations out of reach", async () => {
    const { body } = await api().post('/automations', { name: 'Private', graph: valid }).expect(201);
    await api(otherWorkspace).get(`/automations/${body.id}`).expect(404);
    await api(otherWorkspace).post(`/automations/${body.id}/publish`).expect(404);
    expect((await api(otherWorkspace).get('/automations').expect(200)).body.items).toEqual([]);
  });

  it('names the field when the name is missing', async () => {
    const res = await api().post('/automations', {}).expect(400);
    expect(res.body.errors[0].field).toBe('name');
  });
});
