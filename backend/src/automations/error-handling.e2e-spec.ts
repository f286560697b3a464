import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTOMATION_FILE_FORMAT } from '@socialorchestrator/rule-nodes';
import { AutomationEngine } from './automation-engine';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface RunBody {
  id: string;
  status: string;
  error: string | null;
  steps: Array<{ nodeId: string; port: string | null; output: Record<string, unknown> | null; error: string | null }>;
}

const at = (x: number) => ({ x: x * 300, y: 0 });
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const hook = { id: 'hook', type: 'webhook-in', position: at(0), config: {}, label: 'Blog hook' };
/** A draft step that fails when the payload has no title (its placeholder has no default). */
const announce = (onError?: object) => ({
  id: 'draft',
  type: 'create-draft',
  label: 'Announce',
  position: at(1),
  config: { text: 'New: {{title}}', accountIds: ['*'] },
  ...(onError && { onError }),
});
const tell = (message: string) => ({
  id: 'tell',
  type: 'notify',
  label: 'Tell the team',
  position: at(2),
  config: { message, roles: ['owner'] },
});

/** Steps' errors and error ports over a real Node-RED child; error handlers; files, copies and diffs. */
describe.each(DATABASE_KINDS)('errors and control of automations on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let otherWorkspace: string;
  let accountId: string;
  const api = (ws = workspaceId, user = owner) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(user, ws)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(user, ws)).send(body),
    patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set(as(user, ws)).send(body),
  });

  async function publish(name: string, graph: object, ws = workspaceId): Promise<string> {
    const { body } = await api(ws).post('/automations', { name, graph }).expect(201);
    await api(ws).post(`/automations/${body.id}/publish`).expect(200);
    return body.id as string;
  }

  async function runOnce(automationId: string, payload: object): Promise<string> {
    const res = await api().post(`/automations/${automationId}/test`, { nodeId: 'hook', payload }).expect(202);
    return res.body.runId as string;
  }

  /** The run once over, with at least `steps` steps (a run's steps may be written in two turns). */
  async function settled(runId: string, steps = 1): Promise<RunBody> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body } = await api().get(`/runs/${runId}`).expect(200);
      const over = ['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status);
      if (over && body.steps.length >= steps) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run ${runId} is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function runsOf(automationId: string): Promise<Array<{ id: string; status: string }>> {
    return (await api().get(`/automations/${automationId}/runs`).expect(200)).body.items;
  }

  async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const bell = async (user: TestUser) =>
    (await api(workspaceId, user).get('/notifications').expect(200)).body.items as Array<{
      title: string;
      body: string;
      link: string;
    }>;

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    editor = await newUser(t, 'editor');
    workspaceId = await newWorkspace(t, owner, 'Errors Inc');
    otherWorkspace = await newWorkspace(t, owner, 'Elsewhere');
    await addMember(t, owner, workspaceId, editor, 'editor');
    accountId = (await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  it('refuses a bad error policy with 400 naming the step by label and the field', async () => {
    const { body } = await api()
      .post('/automations', {
        name: 'Bad retry',
        graph: { nodes: [hook, announce({ mode: 'retry', retries: 9 })], edges: [edge('hook', 'out', 'draft')] },
      })
      .expect(201);
    const refused = await api().post(`/automations/${body.id}/publish`).expect(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'graph.nodes.draft.onError.retries',
        message: 'Announce (Create draft): Retries must be a whole number from 1 to 5',
      },
    ]);
  });

  it('continues on the error port: the failing item reaches the step wired to it, with the error and the step name', async () => {
    const id = await publish('Rescued drafts', {
      nodes: [hook, announce({ mode: 'continue' }), tell('{{error.step}} failed: {{error.message}}')],
      edges: [edge('hook', 'out', 'draft'), edge('draft', 'error', 'tell')],
    });
    const run = await settled(await runOnce(id, { link: 'https://blog.example/a' }), 3);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    expect(run.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['hook', 'out'],
      ['draft', 'error'],
      ['tell', 'out'],
    ]);
    expect(run.steps[1].error).toContain('Step "Announce": Text needs {{title}}');
    expect(run.steps[1].output).toMatchObject({ link: 'https://blog.example/a', error: { step: 'Announce' } });
    const told = await eventually(
      () => bell(owner),
      (items) => items.some((n) => n.body.startsWith('Announce failed')),
      'notice',
    );
    expect(told.find((n) => n.body.startsWith('Announce failed'))!.body).toContain('Text needs {{title}}');
  });

  it('retries a refused action with a wait, each attempt a step, and fails the run after the last', async () => {
    const theirs = (await api(otherWorkspace).post('/accounts', { network: 'sandbox', name: 'Theirs' }).expect(201))
      .body.id;
    const id = await publish('Retried drafts', {
      nodes: [
        hook,
        { ...announce({ mode: 'retry', retries: 1, delaySeconds: 1 }), config: { text: 'x', accountIds: [theirs] } },
      ],
      edges: [edge('hook', 'out', 'draft')],
    });
    const run = await settled(await runOnce(id, { title: 'T' }), 3);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/\(after 1 retry\)$/);
    const attempts = run.steps.filter((s) => s.nodeId === 'draft');
    expect(attempts).toHaveLength(2);
    expect(attempts[0].error).toMatch(/\(attempt 1; retrying in 1 s\)$/);
  });

  it('starts the error handler automation once with the failed run, and a failing handler does not start itself', async () => {
    // The handler fails too ({{missing}}), and names itself as its own handler.
    const { body: handler } = await api()
      .post('/automations', { name: 'Handler', graph: { nodes: [], edges: [] } })
      .expect(201);
    await api()
      .patch(`/automations/${handler.id}`, {
        graph: {
          nodes: [
            { id: 'failed', type: 'automation-failed', position: at(0), config: {} },
            { ...announce(), config: { text: '{{missing}}', accountIds: ['*'] } },
          ],
          edges: [edge('failed', 'out', 'draft')],
          errorHandler: { kind: 'automation', automationId: handler.id },
        },
      })
      .expect(200);
    await api().post(`/automations/${handler.id}/publish`).expect(200);

    const refused = await api()
      .post('/automations', {
        name: 'Names nobody',
        graph: { nodes: [hook], edges: [], errorHandler: { kind: 'automation', automationId: otherWorkspace } },
      })
      .expect(201);
    const nobody = await api().post(`/automations/${refused.body.id}/publish`).expect(400);
    expect(nobody.body.errors[0].field).toBe('graph.errorHandler.automationId');

    const failing = await publish('Failing', {
      nodes: [hook, announce()],
      edges: [edge('hook', 'out', 'draft')],
      errorHandler: { kind: 'automation', automationId: handler.id },
    });
    const failed = await settled(await runOnce(failing, {}));
    expect(failed.status).toBe('failed');

    const [handled] = await eventually(
      () => runsOf(handler.id),
      (runs) => runs.length > 0,
      'handler run',
    );
    const handlerRun = await settled(handled.id, 2);
    expect(handlerRun.status).toBe('failed');
    expect(handlerRun.steps[0].output).toMatchObject({
      runId: failed.id,
      automationId: failing,
      automationName: 'Failing',
      step: 'Announce',
      outcome: 'failed',
      runUrl: `http://app.test/w/${workspaceId}/automations/${failing}?run=${failed.id}`,
    });
    expect(String(handlerRun.steps[0].output!.error)).toContain('Text needs {{title}}');
    // Its own failure starts nothing more: one handler run, however long we wait.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await runsOf(handler.id)).toHaveLength(1);
    // Owners and admins are still told of the failure (their entries of a day are grouped).
    const owners = await bell(owner);
    expect(owners.some((n) => /automation runs? failed|Automation "Failing" failed/.test(n.title))).toBe(true);
  });

  it('tells the roles a notify handler names, with a link to the run', async () => {
    const id = await publish('Told to editors', {
      nodes: [hook, announce()],
      edges: [edge('hook', 'out', 'draft')],
      errorHandler: { kind: 'notify', roles: ['editor'] },
    });
    const failed = await settled(await runOnce(id, {}));
    const items = await eventually(
      () => bell(editor),
      (list) => list.length > 0,
      'editor told',
    );
    expect(items[0]).toMatchObject({
      title: 'Automation "Told to editors" failed',
      link: `/w/${workspaceId}/automations/${id}?run=${failed.id}`,
    });
    expect(items[0].body).toContain('at "Announce"');
  });

  it('exports a file of the graph contract and imports it elsewhere, reporting ids that workspace lacks', async () => {
    const { body: source } = await api()
      .post('/automations', {
        name: 'To export',
        graph: {
          nodes: [hook, { ...announce({ mode: 'continue' }), config: { text: '{{title}}', accountIds: [accountId] } }],
          edges: [edge('hook', 'out', 'draft')],
          errorHandler: { kind: 'automation', automationId: workspaceId },
        },
      })
      .expect(201);
    const file = (await api().get(`/automations/${source.id}/export`).expect(200)).body;
    expect(file).toMatchObject({ format: AUTOMATION_FILE_FORMAT, name: 'To export', graph: source.graph });

    const imported = await api(otherWorkspace).post('/automations/import', file).expect(201);
    expect(imported.body.automation).toMatchObject({ name: 'To export', publishedVersion: null, enabled: false });
    expect(imported.body.automation.graph.nodes[1].config.accountIds).toEqual([]);
    expect(imported.body.automation.graph.nodes[1].onError).toEqual({ mode: 'continue' });
    expect(imported.body.automation.graph.errorHandler).toBeUndefined();
    expect(imported.body.notices.map((n: { field: string }) => n.field)).toEqual([
      'graph.nodes.draft.config.accountIds',
      'graph.errorHandler.automationId',
    ]);
    expect(imported.body.notices[0].message).toContain(
      `Announce: Accounts named 1 accounts this workspace does not have (${accountId})`,
    );

    // The same file in its own workspace keeps every id.
    const home = await api()
      .post('/automations/import', { ...file, errorHandler: undefined })
      .expect(201);
    expect(home.body.notices).toEqual([{ field: 'graph.errorHandler.automationId', message: expect.any(String) }]);
    expect(home.body.automation.graph.nodes[1].config.accountIds).toEqual([accountId]);
  });

  it('refuses a file that is not an automation, naming what is wrong', async () => {
    const wrongFormat = await api()
      .post('/automations/import', { format: 'n8n', name: 'x', graph: { nodes: [], edges: [] } })
      .expect(400);
    expect(wrongFormat.body.errors[0].field).toBe('format');
    const unknownType = await api()
      .post('/automations/import', {
        format: AUTOMATION_FILE_FORMAT,
        name: 'x',
        graph: { nodes: [{ id: 'n1', type: 'exec', position: at(0), config: {} }], edges: [] },
      })
      .expect(400);
    expect(unknownType.body.errors).toEqual([{ field: 'graph.nodes.n1.type', message: 'Unknown node type exec' }]);
    const badPolicy = await api()
      .post('/automations/import', {
        format: AUTOMATION_FILE_FORMAT,
        name: 'x',
        graph: { nodes: [hook, announce({ mode: 'later' })], edges: [] },
      })
      .expect(400);
    expect(badPolicy.body.errors[0]).toEqual({
      field: 'graph.nodes.draft.onError.mode',
      message: 'Announce (Create draft): On error must be one of stop, continue, retry',
    });
  });

  it('duplicates a draft as an unpublished copy', async () => {
    const id = await publish('Original', { nodes: [hook, announce()], edges: [edge('hook', 'out', 'draft')] });
    const copy = await api().post(`/automations/${id}/duplicate`).expect(201);
    expect(copy.body).toMatchObject({ name: 'Original (copy)', publishedVersion: null, enabled: false });
    expect(copy.body.id).not.toBe(id);
    expect(copy.body.graph).toEqual((await api().get(`/automations/${id}`).expect(200)).body.graph);
  });

  it('shows what restoring a version would change in the draft, by label', async () => {
    const id = await publish('Versioned', { nodes: [hook, announce()], edges: [edge('hook', 'out', 'draft')] });
    await api()
      .patch(`/automations/${id}`, {
        graph: {
          nodes: [hook, { ...announce({ mode: 'continue' }), label: 'Announce it' }, tell('oops')],
          edges: [edge('hook', 'out', 'draft'), edge('draft', 'error', 'tell')],
        },
      })
      .expect(200);
    const diff = (await api().get(`/automations/${id}/versions/1/diff`).expect(200)).body;
    expect(diff).toEqual({
      version: 1,
      nodes: {
        added: [],
        removed: [{ id: 'tell', label: 'Tell the team', type: 'notify' }],
        changed: [{ id: 'draft', label: 'Announce', type: 'create-draft', changes: ['label', 'onError'] }],
      },
      edges: {
        added: [],
        removed: [
          { from: 'Announce it', port: 'error', to: 'Tell the team', text: 'Announce it (error) → Tell the team' },
        ],
      },
      errorHandlerChanged: false,
    });
    await api().get(`/automations/${id}/versions/9/diff`).expect(404);
    await api(otherWorkspace).get(`/automations/${id}/versions/1/diff`).expect(404);
  });
});
