import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST_LIFECYCLE, POST_METRICS } from '../../common/domain-events';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { AutomationEngine } from '../automation-engine';
import { FeedTrigger } from './feed-trigger';
import { ScheduleTrigger } from './schedule-trigger';

const at = (x: number) => ({ x, y: 0 });
const edge = (from: string, to: string) => ({ from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });

/** Triggers the backend fires: cron schedules in the workspace time zone, and post events. */
describe('schedule and post-event triggers', () => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const api = () => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  });
  const publish = async (name: string, graph: object) => {
    const { body } = await api().post('/automations', { name, graph }).expect(201);
    await api().post(`/automations/${body.id}/publish`).expect(200);
    return body.id as string;
  };
  const runsOf = async (id: string) => (await api().get(`/automations/${id}/runs`).expect(200)).body.items;
  const finished = async (id: string, count: number) => {
    for (let i = 0; i < 200; i++) {
      const runs = await runsOf(id);
      if (runs.length >= count && runs.every((r: { status: string }) => r.status === 'succeeded')) return runs;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`automation ${id} did not finish ${count} run(s): ${JSON.stringify(await runsOf(id))}`);
  };

  beforeAll(async () => {
    t = await startTestApp('sqlite', { FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Cron Co', 'Europe/Paris');
    await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201);
  });
  afterAll(() => t?.close());

  it('fires a cron schedule once per due time, in the workspace time zone, counting from publication', async () => {
    const id = await publish('Daily digest', {
      nodes: [
        { id: 'daily', type: 'schedule', position: at(0), config: { cron: '0 9 * * *' } },
        {
          id: 'draft',
          type: 'create-draft',
          position: at(1),
          config: { text: 'Digest of {{firedAt}}', accountIds: ['*'] },
        },
      ],
      edges: [edge('daily', 'draft')],
    });
    const schedule = t.app.get(ScheduleTrigger);
    expect(await schedule.check(new Date('2026-11-26T07:30:00Z'))).toBe(0);
    expect(await schedule.check(new Date('2026-11-26T07:59:00Z'))).toBe(0);
    expect(await schedule.check(new Date('2026-11-26T08:00:30Z'))).toBe(1);
    expect(await schedule.check(new Date('2026-11-26T08:01:30Z'))).toBe(0);
    // Down for three days: one run, not three.
    expect(await schedule.check(new Date('2026-11-29T12:00:00Z'))).toBe(1);
    const runs = await finished(id, 2);
    const first = await api().get(`/runs/${runs[1].id}`).expect(200);
    expect(first.body.steps[0].output).toEqual({ firedAt: '2026-11-26T08:00:00.000Z' });
  });

  it('starts runs on post events: a declined approval, a published post', async () => {
    const id = await publish('Tell on decline', {
      nodes: [
        { id: 'event', type: 'post-event', position: at(0), config: { events: ['declined', 'published'] } },
        { id: 'tell', type: 'notify', position: at(1), config: { message: '{{event}}: {{text}} ({{reason}})' } },
      ],
      edges: [edge('event', 'tell')],
    });
    const account = (await api().get('/accounts').expect(200)).body.items[0].id;
    const post = await api()
      .post('/posts', { text: 'Spring sale', variants: [{ accountId: account }] })
      .expect(201);
    const approval = await api().post('/approvals', { postId: post.body.id, message: 'ok?' }).expect(201);
    await api().post(`/approvals/${approval.body.id}/decline`, { reason: 'too early' }).expect(200);
    await finished(id, 1);

    await t.app.get(EventEmitter2).emitAsync(POST_LIFECYCLE, {
      event: 'published',
      workspaceId,
      postId: post.body.id,
      variantId: post.body.variants[0].id,
      accountId: account,
      reason: null,
    });
    await finished(id, 2);
    const bodies = (await api().get('/notifications').expect(200)).body.items.map((n: { body: string }) => n.body);
    expect(bodies).toEqual(expect.arrayContaining(['declined: Spring sale (too early)', 'published: Spring sale ()']));
  });

  it('polls a feed: the first poll sends only the backfill, later polls each new item once', async () => {
    const item = (n: number, title: string) =>
      `<item><title>${title}</title><link>https://blog.example/${n}</link><guid>g${n}</guid><pubDate>${new Date(Date.UTC(2026, 10, n)).toUTCString()}</pubDate></item>`;
    let items = [item(1, 'Launch one'), item(2, 'Other news'), item(3, 'Launch two')];
    const feed: Server = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<rss version="2.0"><channel><title>Blog</title>${items.join('')}</channel></rss>`),
    );
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
    try {
      const graph = (backfill: number) => ({
        nodes: [
          { id: 'feed', type: 'rss-in', position: at(0), config: { feedUrl, backfill, pollMinutes: 15 } },
          {
            id: 'draft',
            type: 'create-draft',
            position: at(1),
            config: { text: '{{title}} {{link}}', accountIds: ['*'] },
          },
        ],
        edges: [edge('feed', 'draft')],
      });
      const quiet = await publish('No backfill', graph(0));
      const poller = t.app.get(FeedTrigger);
      const t0 = new Date('2026-11-25T10:00:00Z');
      expect(await poller.poll(t0)).toBe(0);
      const eager = await publish('Backfill two', graph(2));
      expect(await poller.poll(new Date(t0.getTime() + 60_000))).toBe(2);
      expect(await poller.poll(new Date(t0.getTime() + 5 * 60_000))).toBe(0);

      items = [...items, item(4, 'Launch three')];
      // Both are due again (every 15 minutes): the new item, once each.
      expect(await poller.poll(new Date(t0.getTime() + 16 * 60_000))).toBe(2);
      expect(await poller.poll(new Date(t0.getTime() + 17 * 60_000))).toBe(0);
      expect(await poller.poll(new Date(t0.getTime() + 40 * 60_000))).toBe(0);
      await finished(quiet, 1);
      await finished(eager, 3);
      const texts = (await api().get('/posts?limit=50').expect(200)).body.items.map((p: { text: string }) => p.text);
      expect(texts.filter((text: string) => text.includes('blog.example/4'))).toHaveLength(2);
      expect(texts.filter((text: string) => text.includes('blog.example/1'))).toHaveLength(0);
    } finally {
      feed.close();
    }
  });

  it('starts one run when a variant crosses a metric threshold', async () => {
    const id = await publish('Recycle top posts', {
      nodes: [
        { id: 'top', type: 'metric-threshold', position: at(0), config: { metric: 'likes', value: 100 } },
        { id: 'tell', type: 'notify', position: at(1), config: { message: '{{metric}} reached {{value}}' } },
      ],
      edges: [edge('top', 'tell')],
    });
    const account = (await api().get('/accounts').expect(200)).body.items[0].id;
    const post = await api()
      .post('/posts', { text: 'Soup recipe', variants: [{ accountId: account }] })
      .expect(201);
    const metrics = (likes: number) => ({
      workspaceId,
      postId: post.body.id,
      variantId: post.body.variants[0].id,
      accountId: account,
      metrics: { likes, comments: 3 },
    });
    const events = t.app.get(EventEmitter2);
    expect(await events.emitAsync(POST_METRICS, metrics(40))).toEqual([0]);
    expect(await events.emitAsync(POST_METRICS, metrics(120))).toEqual([1]);
    expect(await events.emitAsync(POST_METRICS, metrics(150))).toEqual([0]);
    await finished(id, 1);
  });
});
