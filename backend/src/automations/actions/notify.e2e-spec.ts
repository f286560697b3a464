import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../automation-engine';
import { addMember, as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

const at = (x: number) => ({ x, y: 0 });
const hook = { id: 'hook', type: 'webhook-in', position: at(0), config: {} };
const toTell = { from: { node: 'hook', port: 'out' }, to: { node: 'tell', port: 'in' } };

/** The notify node in a real run: it reaches members by built-in or custom role, and refuses a role that is not one. */
describe.each(DATABASE_KINDS)('notify node roles on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const members: Record<'editor' | 'viewer' | 'client' | 'reviewer', TestUser> = {} as never;
  let reviewerRole: string;
  const api = (user = owner) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(user, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(user, workspaceId)).send(body),
  });

  async function run(name: string, roles: string[]) {
    const graph = {
      nodes: [hook, { id: 'tell', type: 'notify', position: at(1), config: { message: `${name} news`, roles } }],
      edges: [toTell],
    };
    const { body } = await api().post('/automations', { name, graph }).expect(201);
    await api().post(`/automations/${body.id}/publish`).expect(200);
    const started = await api().post(`/automations/${body.id}/test`, { nodeId: 'hook', payload: {} }).expect(202);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await api().get(`/runs/${started.body.runId}`).expect(200);
      if (['succeeded', 'failed'].includes(res.body.status)) return res.body;
      if (Date.now() > deadline) throw new Error(`run is still ${res.body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const bellOf = async (user: TestUser) =>
    (await api(user).get('/notifications').expect(200)).body.items.map((n: { body: string }) => n.body);

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Roles Inc');
    reviewerRole = (
      await api()
        .post('/roles', { name: 'Reviewer', permissions: ['workspace:read', 'posts:read'] })
        .expect(201)
    ).body.id;
    for (const role of ['editor', 'viewer', 'client'] as const) {
      members[role] = await newUser(t, role);
      await addMember(t, owner, workspaceId, members[role], role);
    }
    members.reviewer = await newUser(t, 'reviewer');
    await addMember(t, owner, workspaceId, members.reviewer, reviewerRole);
  });
  afterAll(() => t?.close());

  it('offers the built-in roles (no "member") as a roles field the editor adds custom roles to', async () => {
    const types = (await api().get('/automations/node-types').expect(200)).body.items;
    const roles = types
      .find((n: { type: string }) => n.type === 'notify')
      .config.find((f: { key: string }) => f.key === 'roles');
    expect(roles).toMatchObject({ kind: 'roles', default: ['owner', 'admin'] });
    expect(roles.options.map((o: { value: string }) => o.value)).toEqual([
      'owner',
      'admin',
      'editor',
      'viewer',
      'client',
    ]);
  });

  it('tells viewers, clients and members of a custom role, and nobody else', async () => {
    const done = await run('Picked', ['viewer', 'client', reviewerRole]);
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    expect(done.steps.at(-1).output).toMatchObject({ notified: 3 });
    for (const user of [members.viewer, members.client, members.reviewer])
      expect(await bellOf(user)).toContain('Picked news');
    for (const user of [owner, members.editor]) expect(await bellOf(user)).not.toContain('Picked news');
  });

  it('fails the step, naming the role, when a role is not one of the workspace (it would tell nobody)', async () => {
    const done = await run('Stale', ['member', 'editor']);
    expect(done.status).toBe('failed');
    expect(done.error).toContain('roles: "member" is not a role of this workspace');
    expect(await bellOf(members.editor)).not.toContain('Stale news');
  });
});
