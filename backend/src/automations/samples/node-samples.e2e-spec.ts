import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../automation-engine';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';
import { NodeSamples } from './node-samples.service';

const at = (x: number) => ({ x, y: 0 });
const edge = (from: string, to: string) => ({ from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cafe news</title>
<item><title>Older post</title><link>https://cafe.example/older</link><pubDate>Mon, 01 Dec 2026 08:00:00 GMT</pubDate></item>
<item><title>Autumn menu is here</title><link>https://cafe.example/autumn</link><description>Pumpkin everything.</description><pubDate>Wed, 03 Dec 2026 08:00:00 GMT</pubDate></item>
</channel></rss>`;

/** Trigger samples kept with the draft, over real HTTP, a real feed server and a real flow runtime. */
describe.each(DATABASE_KINDS)('trigger samples on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let otherWorkspace: string;
  let feeds: Server;
  let feedUrl: string;
  const api = (ws = workspaceId) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, ws)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, ws)).send(body),
    delete: (path: string) => t.http.delete(`/api/v1${path}`).set(as(owner, ws)),
  });
  const create = async (graph: object) =>
    (await api().post('/automations', { name: 'Samples', graph }).expect(201)).body.id as string;

  beforeAll(async () => {
    feeds = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/feed.xml`;
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Samples Inc');
    otherWorkspace = await newWorkspace(t, owner, 'Elsewhere');
    await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    feeds?.close();
  });

  it("fetches an RSS trigger's newest item as its sample, kept with the draft", async () => {
    const id = await create({
      nodes: [{ id: 'feed', type: 'rss-in', position: at(0), config: { feedUrl } }],
      edges: [],
    });
    const taken = await api().post(`/automations/${id}/nodes/feed/sample`, { source: 'fetch' }).expect(200);
    expect(taken.body).toMatchObject({
      nodeId: 'feed',
      source: 'fetch',
      waiting: null,
      payload: {
        title: 'Autumn menu is here',
        link: 'https://cafe.example/autumn',
        summary: 'Pumpkin everything.',
        feedTitle: 'Cafe news',
      },
    });
    expect(taken.body.payload).not.toHaveProperty('key');
    const automation = await api().get(`/automations/${id}`).expect(200);
    expect(automation.body.samples).toEqual([taken.body]);
    expect(await t.app.get(NodeSamples).samplesOf(workspaceId, id)).toEqual({ feed: taken.body.payload });
    // A webhook source on a feed trigger is refused, naming the field.
    const wrong = await api().post(`/automations/${id}/nodes/feed/sample`, { source: 'wait' }).expect(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'source' })]);
  });

  it('captures a test delivery to a waiting webhook trigger as its sample, once', async () => {
    const id = await create({
      nodes: [{ id: 'hook', type: 'webhook-in', position: at(0), config: {} }],
      edges: [],
    });
    const waiting = await api().post(`/automations/${id}/nodes/hook/sample`, { source: 'wait' }).expect(200);
    expect(waiting.body).toMatchObject({
      payload: null,
      waiting: { url: expect.stringContaining('/api/v1/hooks/test/') },
    });
    expect(waiting.body.waiting.curl).toContain(waiting.body.waiting.url);
    const path = new URL(waiting.body.waiting.url).pathname;

    const delivered = await t.http
      .post(path)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ headline: 'Launch day', url: 'https://blog.example/launch' }))
      .expect(202);
    expect(delivered.body).toEqual({ nodeId: 'hook', fields: ['headline', 'url', 'raw'] });
    const polled = await api().get(`/automations/${id}/nodes/hook/sample`).expect(200);
    expect(polled.body).toMatchObject({
      source: 'test-delivery',
      waiting: null,
      payload: { headline: 'Launch day', url: 'https://blog.example/launch' },
    });
    // The URL was good for one delivery; no run started (the draft is not even published).
    await t.http.post(path).set('content-type', 'application/json').send('{"headline":"again"}').expect(404);
    expect((await api().get(`/automations/${id}/runs`).expect(200)).body.items).toEqual([]);
  });

  it('validates pasted JSON, maps it by the webhook preset, gives examples, and clears', async () => {
    const id = await create({
      nodes: [
        { id: 'hook', type: 'webhook-in', position: at(0), config: { preset: 'wordpress' } },
        { id: 'tick', type: 'schedule', position: at(1), config: { cron: '0 9 * * MON' } },
        { id: 'draft', type: 'create-draft', position: at(2), config: { text: '{{title}}', accountIds: ['*'] } },
      ],
      edges: [edge('hook', 'draft')],
    });
    const notObject = await api()
      .post(`/automations/${id}/nodes/hook/sample`, { source: 'pasted', json: [1] })
      .expect(400);
    expect(notObject.body.errors).toEqual([expect.objectContaining({ field: 'json' })]);
    const pasted = await api()
      .post(`/automations/${id}/nodes/hook/sample`, {
        source: 'pasted',
        json: { post: { ID: 7, post_title: 'Autumn menu' }, post_permalink: 'https://cafe.example/autumn' },
      })
      .expect(200);
    expect(pasted.body.payload).toMatchObject({ id: 7, title: 'Autumn menu', link: 'https://cafe.example/autumn' });

    const tick = await api().post(`/automations/${id}/nodes/tick/sample`, { source: 'example' }).expect(200);
    // The next Monday 09:00 of the workspace's zone, after now.
    expect(new Date(tick.body.payload.firedAt).getTime()).toBeGreaterThan(Date.now());
    const notTrigger = await api().post(`/automations/${id}/nodes/draft/sample`, { source: 'example' }).expect(400);
    expect(notTrigger.body.errors).toEqual([expect.objectContaining({ field: 'nodeId' })]);
    await api().post(`/automations/${id}/nodes/nope/sample`, { source: 'example' }).expect(404);
    await api(otherWorkspace).get(`/automations/${id}/nodes/hook/sample`).expect(404);

    await api().delete(`/automations/${id}/nodes/hook/sample`).expect(204);
    await api().get(`/automations/${id}/nodes/hook/sample`).expect(404);
    expect(
      (await api().get(`/automations/${id}/samples`).expect(200)).body.items.map((s: { nodeId: string }) => s.nodeId),
    ).toEqual(['tick']);
  });

  it('fails the step whose placeholder resolves to nothing, naming the step and the field; a default fills in', async () => {
    const graph = (text: string) => ({
      nodes: [
        { id: 'hook', type: 'webhook-in', position: at(0), config: {} },
        { id: 'draft', type: 'create-draft', position: at(1), label: 'Announce', config: { text, accountIds: ['*'] } },
      ],
      edges: [edge('hook', 'draft')],
    });
    const id = await create(graph('{{title}} — read more: {{link}}'));
    await api().post(`/automations/${id}/publish`).expect(200);
    const payload = { headline: 'Launch day', url: 'https://blog.example/launch' };
    const failed = await settled(id, payload);
    expect(failed.status).toBe('failed');
    const step = failed.steps.find((s) => s.nodeId === 'draft')!;
    expect(step.error).toContain('Step "Announce": Text needs {{title}}, {{link}}, which are not in its input.');
    const posts = await api().get('/posts?state=draft').expect(200);
    expect(JSON.stringify(posts.body)).not.toContain('read more');

    await t.http
      .patch(`/api/v1/automations/${id}`)
      .set(as(owner, workspaceId))
      .send({ graph: graph('{{headline | "Untitled"}} — {{title | "news"}}: {{url}}') })
      .expect(200);
    await api().post(`/automations/${id}/publish`).expect(200);
    const ok = await settled(id, payload);
    expect(ok.status).toBe('succeeded');
    const postId = ok.steps.find((s) => s.nodeId === 'draft')!.output!.postId as string;
    expect((await api().get(`/posts/${postId}`).expect(200)).body.text).toBe(
      'Launch day — news: https://blog.example/launch',
    );
  });

  async function settled(automationId: string, payload: object) {
    const started = await api().post(`/automations/${automationId}/test`, { nodeId: 'hook', payload }).expect(202);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api().get(`/runs/${started.body.runId}`).expect(200);
      if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status))
        return body as {
          status: string;
          steps: Array<{ nodeId: string; error: string | null; output: Record<string, unknown> | null }>;
        };
      if (Date.now() > deadline) throw new Error(`run is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});
