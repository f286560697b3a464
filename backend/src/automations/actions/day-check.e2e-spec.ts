import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../automation-engine';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

const at = (x: number) => ({ x, y: 0 });

interface RunBody {
  status: string;
  error: string | null;
  steps: Array<{ nodeId: string; port: string | null; output: Record<string, unknown> | null }>;
}

/** The day-check node on a real flow runtime: the weekday is the workspace zone's, not the server's. */
describe.each(DATABASE_KINDS)('day-check node on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let automationId: string;
  const api = () => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  });

  async function check(payload: Record<string, unknown>): Promise<RunBody> {
    const started = await api().post(`/automations/${automationId}/test`, { nodeId: 'hook', payload }).expect(202);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api().get(`/runs/${started.body.runId}`).expect(200);
      if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status)) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Weekends Inc');
    await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner, workspaceId))
      .send({ timeZone: 'Pacific/Auckland' })
      .expect(200);
    const graph = {
      nodes: [
        { id: 'hook', type: 'webhook-in', position: at(0), config: {} },
        { id: 'weekend', type: 'day-check', position: at(1), config: { days: ['saturday', 'sunday'], at: '{{at}}' } },
      ],
      edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'weekend', port: 'in' } }],
    };
    automationId = (await api().post('/automations', { name: 'Weekend', graph }).expect(201)).body.id;
    await api().post(`/automations/${automationId}/publish`).expect(200);
  });
  afterAll(() => t?.close());

  it("routes on the workspace zone's weekday and names the next day not chosen", async () => {
    // Friday 20:00 UTC is Saturday 09:00 in Auckland (UTC+13 in November).
    const saturday = await check({ at: '2026-11-27T20:00:00Z' });
    expect(saturday.status).toBe('succeeded');
    expect(saturday.steps.at(-1)).toMatchObject({
      port: 'match',
      output: { weekday: 'saturday', nextOtherDayAt: '2026-11-30T00:00:00.000+13:00' },
    });
    // Sunday 12:00 UTC is Monday 01:00 there: not the weekend.
    const monday = await check({ at: '2026-11-29T12:00:00Z' });
    expect(monday.steps.at(-1)).toMatchObject({
      port: 'otherwise',
      output: { weekday: 'monday', nextOtherDayAt: '2026-12-01T00:00:00.000+13:00' },
    });
  });

  it('fails the step naming the field when the time is not a date-time', async () => {
    const bad = await check({ at: 'next tuesday' });
    expect(bad.status).toBe('failed');
    expect(bad.error).toContain('at: "next tuesday" is not a date-time');
  });
});
