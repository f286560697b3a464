import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../automation-engine';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

interface RunBody {
  status: string;
  error: string | null;
  steps: Array<{ nodeId: string; port: string | null; output: Record<string, unknown> | null }>;
}

/** Collect / Take collected on a real flow runtime, through the daily digest recipe. */
describe.each(DATABASE_KINDS)('collected lists and the daily digest on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let automationId: string;
  const api = () => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  });

  async function settled(runId: string): Promise<RunBody> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api().get(`/runs/${runId}`).expect(200);
      if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status)) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const fire = async (nodeId: string, payload: Record<string, unknown> = {}) =>
    settled((await api().post(`/automations/${automationId}/test`, { nodeId, payload }).expect(202)).body.runId);
  const dry = async (nodeId: string, json: Record<string, unknown>) => {
    await api().post(`/automations/${automationId}/nodes/${nodeId}/sample`, { source: 'pasted', json }).expect(200);
    return settled((await api().post(`/automations/${automationId}/test-runs`, { nodeId }).expect(202)).body.runId);
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Digest Inc');
    const accountId = (await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201)).body.id;
    const slots = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, localTime: '09:00' }));
    await t.http
      .put(`/api/v1/accounts/${accountId}/queue-slots`)
      .set(as(owner, workspaceId))
      .send({ slots })
      .expect(200);
    const inputs = { feedUrl: 'https://news.example/rss', cron: '0 17 * * *', accountIds: ['*'] };
    const created = await api().post('/automation-templates/rss-daily-digest/instantiate', { inputs }).expect(201);
    automationId = created.body.id;
    await api().post(`/automations/${automationId}/publish`).expect(200);
  });
  afterAll(() => t?.close());

  it("gathers the day's items and queues one post listing them when the schedule fires", async () => {
    const first = await fire('feed', { title: 'Coffee prices', link: 'https://news.example/prices' });
    expect(first.steps.at(-1)).toMatchObject({ nodeId: 'collect', output: { collected: 1 } });
    await Promise.all([
      fire('feed', { title: 'Tea harvest', link: 'https://news.example/tea' }),
      fire('feed', { title: 'Cocoa', link: 'https://news.example/cocoa' }),
    ]);

    // A test of the draft shows the digest without emptying the list.
    const test = await dry('daily', { firedAt: '2026-12-03T17:00:00Z' });
    expect(test.steps.find((s) => s.nodeId === 'take')!.output).toMatchObject({ count: 3 });

    const digest = await fire('daily', { firedAt: '2026-12-03T17:00:00Z' });
    expect(digest).toMatchObject({ status: 'succeeded', error: null });
    expect(digest.steps.at(-1)!.nodeId).toBe('queue');
    const postId = digest.steps.at(-1)!.output!.postId as string;
    const post = (await api().get(`/posts/${postId}`).expect(200)).body;
    expect(post.state).toBe('scheduled');
    expect(post.text.split('\n')[0]).toBe("Today's reads:");
    expect(post.text).toContain('• Coffee prices https://news.example/prices');
    expect(post.text).toContain('• Tea harvest https://news.example/tea');
    expect(post.text).toContain('• Cocoa https://news.example/cocoa');

    // The list was emptied: the next day without items posts nothing.
    const empty = await fire('daily', { firedAt: '2026-12-04T17:00:00Z' });
    expect(empty.status).toBe('succeeded');
    expect(empty.steps.at(-1)).toMatchObject({ nodeId: 'take', port: 'none' });
  });
});
