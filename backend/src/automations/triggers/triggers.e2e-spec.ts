import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST_LIFECYCLE, POST_METRICS_BATCH } from '../../common/domain-events';
import { apiAs, as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { DATABASE_KINDS } from '../../testing/test-database';
import { startTestApp, TestApp } from '../../testing/test-app';
import { AutomationEngine } from '../automation-engine';
import { AutomationVersion } from '../automation-version.entity';
import { Run } from '../run.entity';
import { FeedTrigger } from './feed-trigger';
import { ScheduleTrigger } from './schedule-trigger';

const at = (x: number) => ({ x, y: 0 });
const edge = (from: string, to: string) => ({ from: { node: from, port: 'out' }, to: { node: to, port: 'in' } });

/** Triggers the backend fires: cron schedules in the workspace time zone, and post events. */
describe('schedule and post-event triggers', () => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const api = () => apiAs(t, owner, workspaceId);
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

  it("keeps firing every other schedule when one node's cron cannot be read", async () => {
    const graph = (cron: string) => ({
      nodes: [
        { id: 'tick', type: 'schedule', position: at(0), config: { cron } },
        { id: 'tell', type: 'notify', position: at(1), config: { message: 'tick {{firedAt}}' } },
      ],
      edges: [edge('tick', 'tell')],
    });
    // Publishing refuses a cron croner cannot read; one stored before that check still must not stop the rest.
    const refused = await api()
      .post('/automations', { name: 'Minute 61', graph: graph('61 * * * *') })
      .expect(201);
    const problem = await api().post(`/automations/${refused.body.id}/publish`).expect(400);
    expect(JSON.stringify(problem.body.errors)).toContain('cron');
    const broken = await publish('A broken cron', graph('0 * * * *'));
    const stored = await t.db.getRepository(AutomationVersion).findOneByOrFail({ automationId: broken });
    stored.graph.nodes[0].config.cron = '61 * * * *';
    await t.db.getRepository(AutomationVersion).save(stored);
    const fine = await publish('Hourly', graph('30 * * * *'));
    const schedule = t.app.get(ScheduleTrigger);
    // New schedules count from this check (which also fires the earlier daily digest, days overdue).
    await schedule.check(new Date('2026-12-01T10:00:00Z'));
    expect(await schedule.check(new Date('2026-12-01T10:31:00Z'))).toBe(1);
    await finished(fine, 1);
    expect(await runsOf(broken)).toEqual([]);
  });

  it('starts runs on post events: a declined approval, a published post', async () => {
    const id = await publish('Tell on decline', {
      nodes: [
        { id: 'event', type: 'post-event', position: at(0), config: { events: ['declined', 'published'] } },
        { id: 'tell', type: 'notify', position: at(1), config: { message: '{{event}}: {{text}} ({{reason | ""}})' } },
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
    expect(await events.emitAsync(POST_METRICS_BATCH, { events: [metrics(40)] })).toEqual([0]);
    expect(await events.emitAsync(POST_METRICS_BATCH, { events: [metrics(120)] })).toEqual([1]);
    expect(await events.emitAsync(POST_METRICS_BATCH, { events: [metrics(150)] })).toEqual([0]);
    await finished(id, 1);
  });

  it('starts one run per variant from one batch of reports, whichever reports of it the batch holds', async () => {
    const id = await publish('Shared widely', {
      nodes: [
        { id: 'top', type: 'metric-threshold', position: at(0), config: { metric: 'shares', value: 10 } },
        { id: 'tell', type: 'notify', position: at(1), config: { message: '{{metric}} reached {{value}}' } },
      ],
      edges: [edge('top', 'tell')],
    });
    const account = (await api().get('/accounts').expect(200)).body.items[0].id;
    const variant = async (text: string) => {
      const { body } = await api()
        .post('/posts', { text, variants: [{ accountId: account }] })
        .expect(201);
      return (shares: number, inWorkspace = workspaceId) => ({
        workspaceId: inWorkspace,
        postId: body.id,
        variantId: body.variants[0].id,
        accountId: account,
        metrics: { shares },
      });
    };
    const [bread, cake, pie] = [await variant('Bread'), await variant('Cake'), await variant('Pie')];
    const batch = [bread(12), bread(15), cake(30), pie(3), pie(40, 'another-workspace')];
    const events = t.app.get(EventEmitter2);
    expect(await events.emitAsync(POST_METRICS_BATCH, { events: batch })).toEqual([2]);
    expect(await events.emitAsync(POST_METRICS_BATCH, { events: [...batch, pie(11)] })).toEqual([1]);
    const runs = await finished(id, 3);
    expect(runs).toHaveLength(3);
  });
});

describe.each(DATABASE_KINDS)('metric thresholds when a run cannot be written, on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const api = () => apiAs(t, owner, workspaceId);

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Metrics Co');
    await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201);
  });
  afterAll(() => t?.close());

  it('starts the run on the next report when it could not be written, once', async () => {
    const graph = (metric: string) => ({
      nodes: [
        { id: 'top', type: 'metric-threshold', position: at(0), config: { metric, value: 10 } },
        { id: 'tell', type: 'notify', position: at(1), config: { message: '{{metric}} reached {{value}}' } },
      ],
      edges: [edge('top', 'tell')],
    });
    const ids: string[] = [];
    for (const [name, metric] of [
      ['Likes', 'likes'],
      ['Shares', 'shares'],
    ]) {
      const { body } = await api()
        .post('/automations', { name, graph: graph(metric) })
        .expect(201);
      await api().post(`/automations/${body.id}/publish`).expect(200);
      ids.push(body.id);
    }
    const account = (await api().get('/accounts').expect(200)).body.items[0].id;
    const post = await api()
      .post('/posts', { text: 'Soup recipe', variants: [{ accountId: account }] })
      .expect(201);
    const report = (metrics: Record<string, number>) =>
      t.app.get(EventEmitter2).emitAsync(POST_METRICS_BATCH, {
        events: [
          { workspaceId, postId: post.body.id, variantId: post.body.variants[0].id, accountId: account, metrics },
        ],
      });
    const runs = t.db.getRepository(Run);

    await t.db.query('ALTER TABLE automation_runs RENAME TO automation_runs_away');
    try {
      expect(await report({ likes: 50, shares: 0 })).toEqual([0]);
    } finally {
      await t.db.query('ALTER TABLE automation_runs_away RENAME TO automation_runs');
    }
    expect(await report({ likes: 60, shares: 20 })).toEqual([2]);
    expect(await report({ likes: 70, shares: 30 })).toEqual([0]);
    expect((await runs.findBy({ workspaceId })).map((r) => r.automationId).sort()).toEqual([...ids].sort());
  });
});

/** Feeds as they really are: broken, messy, slow; checked on both databases over real HTTP. */
describe.each(DATABASE_KINDS)('feed triggers on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let feeds: Server;
  let feedBase: string;
  /** What each path answers; a test sets its own. */
  const routes = new Map<string, (res: ServerResponse) => void>();
  const hits: Array<{ path: string; at: number }> = [];
  let open = 0;
  let mostOpen = 0;

  const rss = (items: string, attributes = ' version="2.0"') =>
    `<?xml version="1.0"?><rss${attributes}><channel><title>Blog</title>${items}</channel></rss>`;
  const item = (n: number, title = `Post ${n}`, guid = `g${n}`) =>
    `<item><title>${title}</title><link>https://blog.example/${n}</link><guid>${guid}</guid><pubDate>${new Date(Date.UTC(2026, 10, n)).toUTCString()}</pubDate></item>`;
  const xml = (body: string) => (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);

  const api = (workspaceId: string) => apiAs(t, owner, workspaceId);
  const publishFeed = async (workspaceId: string, name: string, path: string, config: object = {}) => {
    const graph = {
      nodes: [
        {
          id: 'feed',
          type: 'rss-in',
          position: at(0),
          config: { feedUrl: `${feedBase}${path}`, pollMinutes: 15, backfill: 10, ...config },
        },
        { id: 'tell', type: 'notify', position: at(1), config: { message: '{{title}}' } },
      ],
      edges: [edge('feed', 'tell')],
    };
    const { body } = await api(workspaceId).post('/automations', { name, graph }).expect(201);
    await api(workspaceId).post(`/automations/${body.id}/publish`).expect(200);
    return body.id as string;
  };
  const inputsOf = async (automationId: string) =>
    (await t.db.getRepository(Run).find({ where: { automationId }, order: { id: 'ASC' } })).map((r) => r.input);
  const hitsOf = (path: string) => hits.filter((h) => h.path === path).length;

  beforeAll(async () => {
    feeds = createServer((req, res) => {
      hits.push({ path: req.url ?? '', at: Date.now() });
      mostOpen = Math.max(mostOpen, ++open);
      res.on('close', () => open--);
      const route = routes.get(req.url ?? '');
      if (route) route(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
    feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    t = await startTestApp(kind, {
      OUTBOUND_ALLOW_PRIVATE_URLS: 'true',
      FEED_CONCURRENCY: '3',
      FEED_TIMEOUT_SECONDS: '1',
    });
    owner = await newUser(t, 'owner');
  });
  afterAll(async () => {
    feeds?.closeAllConnections();
    feeds?.close();
    await t?.close();
  });

  it('records a broken feed on the automation, tells the team once, backs off, and tells again when it recovers', async () => {
    const workspaceId = await newWorkspace(t, owner, 'Broken Feeds Co');
    const id = await publishFeed(workspaceId, 'Flaky blog', '/flaky');
    const poller = t.app.get(FeedTrigger);
    const status = async () => (await api(workspaceId).get(`/automations/${id}`).expect(200)).body.feeds;
    const notices = async () =>
      (await api(workspaceId).get('/notifications').expect(200)).body.items.map(
        (n: { title: string; link: string }) => [n.title, n.link],
      );
    const t0 = Date.parse('2026-11-25T10:00:00Z');
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);

    // Each way a feed breaks in the wild: a failed check, no run, the error on the automation.
    const broken: Array<[string, (res: ServerResponse) => void, string]> = [
      ['404', (res) => res.writeHead(404).end(), 'answered HTTP 404'],
      ['html', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Blog'), 'web page'],
      ['truncated', xml(rss(item(1)).slice(0, 80)), 'not a valid RSS or Atom feed'],
      ['empty', xml(''), 'empty body'],
      ['timeout', () => undefined, 'did not answer within 1 s'],
    ];
    let minutes = 0;
    for (const [failures, [what, answer, error]] of broken.entries()) {
      routes.set('/flaky', answer);
      expect([what, await poller.poll(at(minutes))]).toEqual([what, 0]);
      const [feed] = await status();
      expect([what, feed]).toMatchObject([
        what,
        { nodeId: 'feed', feedUrl: `${feedBase}/flaky`, failures: failures + 1, lastOkAt: null },
      ]);
      expect(feed.error).toContain(error);
      expect(feed.checkedAt).toBe(at(minutes).toISOString());
      // Backing off: 15, 30, 60, 120 … minutes (the node's interval, doubled per failure).
      const delay = 15 * 2 ** failures;
      expect(feed.nextCheckAt).toBe(at(minutes + delay).toISOString());
      // Not due until then, however often the poller runs: the feed is not fetched.
      const before = hitsOf('/flaky');
      expect(await poller.poll(at(minutes + 1))).toBe(0);
      expect(await poller.poll(at(minutes + delay - 1))).toBe(0);
      expect(hitsOf('/flaky')).toBe(before);
      minutes += delay;
    }
    expect(await inputsOf(id)).toEqual([]);
    expect((await api(workspaceId).get('/automations').expect(200)).body.items[0]).toMatchObject({ failingFeeds: 1 });
    const link = `/w/${workspaceId}/automations/${id}`;
    expect(await notices()).toEqual([[`The feed of "Flaky blog" cannot be read`, link]]);
    // Backed off to six hours at most, whatever the number of failures.
    expect(Date.parse((await status())[0].nextCheckAt) - at(minutes - 240).getTime()).toBeLessThanOrEqual(
      6 * 3_600_000,
    );

    // A feed node taken off the graph no longer shows, nor counts as failing.
    const { body: draft } = await api(workspaceId).get(`/automations/${id}`).expect(200);
    const without = {
      ...draft.graph,
      nodes: draft.graph.nodes.filter((n: { id: string }) => n.id !== 'feed'),
      edges: [],
    };
    const patch = (graph: object) =>
      t.http.patch(`/api/v1/automations/${id}`).set(as(owner, workspaceId)).send({ graph }).expect(200);
    expect((await patch(without)).body.feeds).toEqual([]);
    expect((await api(workspaceId).get('/automations').expect(200)).body.items[0]).toMatchObject({ failingFeeds: 0 });
    await patch(draft.graph);

    routes.set('/flaky', xml(rss(item(1) + item(2))));
    expect(await poller.poll(at(minutes))).toBe(2);
    expect((await status())[0]).toMatchObject({
      error: null,
      failures: 0,
      lastOkAt: at(minutes).toISOString(),
      nextCheckAt: at(minutes + 15).toISOString(),
      items: 2,
      skipped: [],
    });
    expect((await notices()).map(([title]: string[]) => title)).toEqual([
      `The feed of "Flaky blog" works again`,
      `The feed of "Flaky blog" cannot be read`,
    ]);
    expect((await api(workspaceId).get('/automations').expect(200)).body.items[0]).toMatchObject({ failingFeeds: 0 });
  });

  it('starts one run per usable item of a messy feed and names the ones it left out in those runs', async () => {
    const workspaceId = await newWorkspace(t, owner, 'Messy Feeds Co');
    routes.set(
      '/messy',
      xml(
        rss(
          [
            item(1, 'Bad date').replace(/<pubDate>.*<\/pubDate>/, '<pubDate>last Tuesday-ish</pubDate>'),
            item(2, 'Empty guid', '').replace('<guid></guid>', '<guid isPermaLink="false"></guid>'),
            '<item><description>No title, no link</description></item>',
            item(3, 'First copy', 'same'),
            item(4, 'Second copy', 'same'),
          ].join(''),
          '', // <rss> without a version attribute
        ),
      ),
    );
    const id = await publishFeed(workspaceId, 'Messy blog', '/messy');
    expect(await t.app.get(FeedTrigger).poll(new Date('2026-11-25T10:00:00Z'))).toBe(3);
    const skippedItems = [
      { item: 'item 3', reason: 'has neither a title nor a link' },
      { item: 'item 5 (Second copy)', reason: 'repeats the guid or link of an earlier item (same)' },
    ];
    const inputs = await inputsOf(id);
    expect(inputs.map((i) => [i.title, i.guid, i.publishedAt])).toEqual([
      ['Bad date', 'g1', null],
      ['Empty guid', null, '2026-11-02T00:00:00.000Z'],
      ['First copy', 'same', '2026-11-03T00:00:00.000Z'],
    ]);
    expect(inputs.map((i) => i.skippedItems)).toEqual([skippedItems, skippedItems, skippedItems]);
    const [feed] = (await api(workspaceId).get(`/automations/${id}`).expect(200)).body.feeds;
    expect(feed).toMatchObject({ error: null, items: 3, skipped: skippedItems });
  });

  it('loses no item when its run cannot be written: the item is not marked seen, the next check sends it', async () => {
    const workspaceId = await newWorkspace(t, owner, 'Unlucky Co');
    routes.set('/unlucky', xml(rss(item(1, 'Only once'))));
    const id = await publishFeed(workspaceId, 'Unlucky', '/unlucky');
    const poller = t.app.get(FeedTrigger);
    // The database refuses the run (its table is gone for a moment).
    await t.db.query('ALTER TABLE automation_runs RENAME TO automation_runs_away');
    try {
      expect(await poller.poll(new Date('2026-11-25T10:00:00Z'))).toBe(0);
    } finally {
      await t.db.query('ALTER TABLE automation_runs_away RENAME TO automation_runs');
    }
    expect(await poller.poll(new Date('2026-11-25T10:01:00Z'))).toBe(1);
    expect((await inputsOf(id)).map((i) => i.title)).toEqual(['Only once']);
  });

  it("polls a few feeds at a time, in turn per workspace: one workspace's slow feeds do not hold up another's", async () => {
    const slow = await newWorkspace(t, owner, 'Slow Feeds Co');
    const fast = await newWorkspace(t, owner, 'Fast Feeds Co');
    for (let n = 0; n < 10; n++) {
      routes.set(`/slow/${n}`, (res) => setTimeout(() => xml(rss(item(n + 1)))(res), 700));
      await publishFeed(slow, `Slow ${n}`, `/slow/${n}`);
    }
    routes.set('/hangs', () => undefined);
    const hanging = await publishFeed(slow, 'Hangs', '/hangs');
    routes.set('/fast', xml(rss(item(1, 'Fresh news'))));
    const quick = await publishFeed(fast, 'Fast', '/fast');
    hits.length = 0;
    mostOpen = 0;

    const started = Date.now();
    const runs = await t.app.get(FeedTrigger).poll(new Date('2026-11-25T10:00:00Z'));
    const took = Date.now() - started;

    expect(runs).toBe(11);
    // The other workspace's feed was among the first fetched, not behind eleven slow ones.
    const fastAt = hits.findIndex((h) => h.path === '/fast');
    expect(fastAt).toBeGreaterThanOrEqual(0);
    expect(fastAt).toBeLessThan(3);
    expect((await inputsOf(quick)).map((i) => i.title)).toEqual(['Fresh news']);
    // Three at a time: 11 slow fetches (0.7 s, one cut off at 1 s) in about four rounds (~3 s), not one
    // after the other (8 s).
    expect(mostOpen).toBe(3);
    expect(took).toBeLessThan(7_000);
    const [feed] = (await api(slow).get(`/automations/${hanging}`).expect(200)).body.feeds;
    expect(feed.error).toContain('did not answer within 1 s');
  });

  it('starts no check after its time budget; the feeds left are checked first by the next poll', async () => {
    const workspaceId = await newWorkspace(t, owner, 'Busy Feeds Co');
    // Five minutes after the other tests' checks: none of their feeds is due yet.
    const later = new Date('2026-11-25T10:05:00Z');
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) {
      routes.set(`/busy/${n}`, (res) => setTimeout(() => xml(rss(item(n + 1)))(res), 300));
      ids.push(await publishFeed(workspaceId, `Busy ${n}`, `/busy/${n}`));
    }
    const poller = t.app.get(FeedTrigger);
    hits.length = 0;
    expect(await poller.poll(later, 100)).toBe(3);
    expect(hits.map((h) => h.path).sort()).toEqual(['/busy/0', '/busy/1', '/busy/2']);
    hits.length = 0;
    expect(await poller.poll(later, 100)).toBe(2);
    expect(hits.map((h) => h.path).sort()).toEqual(['/busy/3', '/busy/4']);
    for (const id of ids) expect(await inputsOf(id)).toHaveLength(1);
  });
});
