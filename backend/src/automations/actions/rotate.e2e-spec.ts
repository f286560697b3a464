import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../automation-engine';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

const at = (x: number) => ({ x, y: 0 });

interface RunBody {
  status: string;
  error: string | null;
  steps: Array<{ nodeId: string; output: Record<string, unknown> | null }>;
}

/** The rotate node on a real flow runtime: each run takes the next value, in turn, and a test takes no turn. */
describe.each(DATABASE_KINDS)('rotate node on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const api = () => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  });

  async function settled(runId: string): Promise<RunBody> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api().get(`/runs/${runId}`).expect(200);
      if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status)) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run ${runId} is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function automation(values: string): Promise<string> {
    const graph = {
      nodes: [
        { id: 'hook', type: 'webhook-in', position: at(0), config: {} },
        { id: 'tags', type: 'rotate', position: at(1), config: { values } },
      ],
      edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'tags', port: 'in' } }],
    };
    const { body } = await api().post('/automations', { name: 'Rotation', graph }).expect(201);
    await api().post(`/automations/${body.id}/publish`).expect(200);
    return body.id as string;
  }

  const taken = async (id: string) => {
    const started = await api().post(`/automations/${id}/test`, { nodeId: 'hook', payload: { title: 'x' } });
    const run = await settled(started.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    return run.steps.at(-1)!.output as { rotated: string; rotation: number; title: string };
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Rotations Inc');
  });
  afterAll(() => t?.close());

  it('takes the values in turn, then starts again, keeping the rest of the payload', async () => {
    const id = await automation('#coffee #morning\n\n#barista\n#beans');
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await taken(id));
    expect(seen.map((s) => [s.rotated, s.rotation])).toEqual([
      ['#coffee #morning', 1],
      ['#barista', 2],
      ['#beans', 3],
      ['#coffee #morning', 1],
    ]);
    expect(seen[0].title).toBe('x');
  });

  it('gives concurrent runs each their own turn', async () => {
    const id = await automation('a\nb\nc\nd\ne\nf');
    const all = await Promise.all(Array.from({ length: 6 }, () => taken(id)));
    expect(all.map((s) => s.rotated).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('shows the next value in a test of the draft without taking the turn', async () => {
    const id = await automation('first\nsecond');
    await taken(id);
    await api()
      .post(`/automations/${id}/nodes/hook/sample`, { source: 'pasted', json: { title: 'dry' } })
      .expect(200);
    for (let i = 0; i < 2; i++) {
      const dry = await settled(
        (await api().post(`/automations/${id}/test-runs`, { nodeId: 'hook' }).expect(202)).body.runId,
      );
      expect(dry.steps.at(-1)!.output).toMatchObject({ rotated: 'second', rotation: 2 });
    }
    expect((await taken(id)).rotated).toBe('second');
  });

  it('refuses to save a rotate step without values, naming the field', async () => {
    const graph = {
      nodes: [
        { id: 'hook', type: 'webhook-in', position: at(0), config: {} },
        { id: 'tags', type: 'rotate', position: at(1), config: {} },
      ],
      edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'tags', port: 'in' } }],
    };
    const { body } = await api().post('/automations', { name: 'Empty', graph });
    const publish = body.id ? await api().post(`/automations/${body.id}/publish`) : null;
    const refused = publish ?? { status: 400, body };
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Values is required');
  });
});
