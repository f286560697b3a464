import { loadTemplates, type TemplateOutcome } from '@socialorchestrator/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { AutomationEngine } from '../automation-engine';

const TEMPLATES = loadTemplates();

/** Every recipe is deployed on a real flow runtime and one sample event is driven through it. */
describe('automation templates', () => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let accountId: string;
  const api = () => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  });

  beforeAll(async () => {
    t = await startTestApp('sqlite', { FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Recipes Co', 'Europe/Paris');
    accountId = (await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201)).body.id;
    const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      ['09:00', '12:00', '17:00'].map((localTime) => ({ weekday, localTime })),
    );
    await api().put(`/accounts/${accountId}/queue-slots`, { slots }).expect(200);
  });
  afterAll(() => t?.close());

  /** The post and the notification the recipe's run must have left, read back through the API. */
  async function expectOutcome(outcome: TemplateOutcome | undefined): Promise<void> {
    if (outcome?.post) {
      const { body } = await api().get('/posts?limit=100').expect(200);
      const posts = body.items as Array<{ text: string; state: string }>;
      const post = posts.find((p) => p.text.includes(outcome.post!.text));
      expect(post && { text: outcome.post.text, state: post.state }).toEqual(outcome.post);
    }
    if (outcome?.notification) {
      const { body } = await api().get('/notifications?limit=100').expect(200);
      expect(JSON.stringify(body.items)).toContain(outcome.notification);
    }
  }

  it('lists at least twenty-five recipes with their inputs and graphs', async () => {
    const { body } = await api().get('/automation-templates').expect(200);
    expect(body.items.length).toBeGreaterThanOrEqual(25);
    expect(body.items.map((i: { id: string }) => i.id)).toEqual(TEMPLATES.map((x) => x.id));
    expect(body.items[0]).toMatchObject({
      id: 'rss-caption-approval',
      inputs: expect.arrayContaining([expect.objectContaining({ key: 'feedUrl' })]),
      graph: { nodes: expect.arrayContaining([expect.objectContaining({ id: 'feed', type: 'rss-in' })]) },
    });
  });

  it('fills an input written inside a longer text', async () => {
    const created = await api()
      .post('/automation-templates/launch-countdown/instantiate', {
        inputs: { product: 'Kit', link: 'https://shop.example/kit' },
      })
      .expect(201);
    const live = created.body.graph.nodes.find((n: { id: string }) => n.id === 'live');
    expect(live.config.text).toBe('Kit is live! https://shop.example/kit');
  });

  it('refuses missing or bad inputs, naming the input', async () => {
    const res = await api()
      .post('/automation-templates/rss-caption-approval/instantiate', { inputs: { feedUrl: 'not a url' } })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'inputs.feedUrl', message: 'Feed URL must be an http(s) URL' }]);
  });

  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    '%s: deploys and takes its sample event',
    async (_id, template) => {
      const created = await api()
        .post(`/automation-templates/${template.id}/instantiate`, { inputs: template.sample.inputs })
        .expect(201);
      expect(created.body.name).toBe(template.title);
      await api().post(`/automations/${created.body.id}/publish`).expect(200);

      let payload = template.sample.payload;
      if (payload.postId === '$post') {
        const post = await api()
          .post('/posts', { text: 'A post #Launch', variants: [{ accountId }] })
          .expect(201);
        payload = { ...payload, postId: post.body.id };
      }
      const started = await api()
        .post(`/automations/${created.body.id}/test`, { nodeId: template.sample.trigger, payload })
        .expect(202);
      let run: { status: string; error: string | null; steps: Array<{ nodeId: string; error: string | null }> } | null =
        null;
      for (let i = 0; i < 200; i++) {
        run = (await api().get(`/runs/${started.body.runId}`).expect(200)).body;
        if (!['queued', 'running'].includes(run!.status)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect({ status: run!.status, error: run!.error }).toEqual({ status: template.sample.expect, error: null });
      expect(run!.steps.every((s) => s.error === null)).toBe(true);
      expect(run!.steps.at(-1)!.nodeId).toBe(template.sample.reaches);
      await expectOutcome(template.sample.outcome);
    },
  );
});
