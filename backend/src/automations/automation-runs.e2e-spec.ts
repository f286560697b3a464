import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_TOKENS } from './runtime-tokens.provider';
import type { RuntimeTokens } from './runtime-token';
import { AutomationEngine } from './automation-engine';
import { HookDelivery } from './hook.entity';
import { RunStep } from './run-step.entity';
import { signDelivery } from './inbound/signatures';
import { RuntimeActions } from './runtime-actions';
import { BackgroundJobs } from '../jobs/background-jobs';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface RunBody {
  id: string;
  status: string;
  error: string | null;
  steps: Array<{
    id: string;
    nodeId: string;
    port: string | null;
    output: Record<string, unknown> | null;
    error: string | null;
  }>;
  nextStepsCursor: string | null;
}

const at = (x: number) => ({ x, y: 0 });
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });
const hook = { id: 'hook', type: 'webhook-in', position: at(0), config: {} };

/**
 * No loop, yet it multiplies: `levels` levels of two conditions, each sending every message on to
 * both of the next level. One event takes 1 + 2 + 4 + … + 2^levels = 2^(levels+1) - 1 steps.
 */
function fanOut(levels: number) {
  const always = { rules: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: 0 }] } };
  const nodes: object[] = [hook];
  const edges: object[] = [];
  for (let i = 1; i <= levels; i++) {
    for (const side of ['a', 'b']) {
      nodes.push({ id: `${side}${i}`, type: 'condition', position: at(i), config: always });
      if (i === 1) edges.push(edge('hook', 'out', `${side}1`));
      else for (const from of ['a', 'b']) edges.push(edge(`${from}${i - 1}`, 'true', `${side}${i}`));
    }
  }
  return { nodes, edges };
}

/**
 * A loop that never ends on its own: after the hook, a wait of `minutes`, then a condition that
 * sends every message (none carries stop: true) back to the wait. Only the guards can end it.
 */
function loopThroughWait(minutes: number) {
  return {
    nodes: [
      hook,
      { id: 'wait', type: 'delay', position: at(1), config: { minutes } },
      {
        id: 'again',
        type: 'condition',
        position: at(2),
        config: { rules: { not: { fact: 'stop', operator: 'equal', value: true } } },
      },
    ],
    edges: [edge('hook', 'out', 'wait'), edge('wait', 'out', 'again'), edge('again', 'true', 'wait')],
  };
}

/** Real runs: the API hosts a real Node-RED child, rule nodes call back over real HTTP. */
describe.each(DATABASE_KINDS)('automation runs in the flow runtime on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let otherWorkspace: string;
  let otherAccount: string;
  const api = (ws = workspaceId) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, ws)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, ws)).send(body),
  });

  /** Creates and publishes an automation; returns its id. */
  async function publish(name: string, graph: object, ws = workspaceId): Promise<string> {
    const { body } = await api(ws).post('/automations', { name, graph }).expect(201);
    await api(ws).post(`/automations/${body.id}/publish`).expect(200);
    return body.id as string;
  }

  async function runOnce(automationId: string, payload: object, ws = workspaceId): Promise<string> {
    const res = await api(ws).post(`/automations/${automationId}/test`, { nodeId: 'hook', payload }).expect(202);
    return res.body.runId as string;
  }

  async function settled(
    runId: string,
    ws = workspaceId,
    statuses = ['succeeded', 'failed', 'stopped', 'interrupted'],
  ) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api(ws).get(`/runs/${runId}`).expect(200);
      if (statuses.includes(body.status)) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run ${runId} is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * What the owner's bell says, every entry's title and body on a line. Runs stopped the same day
   * are one entry ("N automation runs failed or were stopped"), naming the latest.
   */
  async function toldInBell(): Promise<string> {
    const bell = await api().get('/notifications').expect(200);
    return bell.body.items.map((n: { title: string; body: string }) => `${n.title} ${n.body}`).join('\n');
  }

  beforeAll(async () => {
    t = await startTestApp(kind, {
      FLOW_RUNTIME: 'child',
      FLOW_MAX_HOPS: '40',
      FLOW_MAX_STEPS: '50',
      OUTBOUND_ALLOW_PRIVATE_URLS: 'true',
    });
    await t.app.get(AutomationEngine).start();
    await t.app.get(BackgroundJobs).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Runs Inc');
    otherWorkspace = await newWorkspace(t, owner, 'Elsewhere');
    await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201);
    otherAccount = (await api(otherWorkspace).post('/accounts', { network: 'sandbox', name: 'Theirs' }).expect(201))
      .body.id;
  });
  afterAll(() => t?.close());

  it('runs webhook → condition → create draft, recording every step, and leaves others as they are', async () => {
    const id = await publish('Launches to drafts', {
      nodes: [
        hook,
        {
          id: 'match',
          type: 'condition',
          position: at(1),
          config: { rules: { all: [{ fact: 'title', operator: 'containsWord', value: 'launch' }] } },
        },
        {
          id: 'draft',
          type: 'create-draft',
          position: at(2),
          config: { text: '{{title}} {{link}}', accountIds: ['*'], labels: ['auto'] },
        },
      ],
      edges: [edge('hook', 'out', 'match'), edge('match', 'true', 'draft')],
    });

    const yes = await settled(await runOnce(id, { title: 'Launch day', link: 'https://blog.example/launch' }));
    expect(yes).toMatchObject({ status: 'succeeded', error: null });
    expect(yes.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['hook', 'out'],
      ['match', 'true'],
      ['draft', 'out'],
    ]);
    const postId = yes.steps[2].output!.postId as string;
    const post = await api().get(`/posts/${postId}`).expect(200);
    expect(post.body).toMatchObject({
      text: 'Launch day https://blog.example/launch',
      state: 'draft',
      source: 'automation',
      labels: ['auto'],
    });

    const no = await settled(await runOnce(id, { title: 'We relaunched' }));
    expect(no.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['hook', 'out'],
      ['match', 'false'],
    ]);
    const runs = await api().get(`/automations/${id}/runs`).expect(200);
    expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual([no.id, yes.id]);
  });

  it('takes signed CMS webhooks: 202 and a run, refusing bad signatures and replays', async () => {
    const id = await publish('WordPress to drafts', {
      nodes: [
        { ...hook, config: { preset: 'wordpress' } },
        {
          id: 'draft',
          type: 'create-draft',
          position: at(1),
          config: { text: '{{title}} {{link}}', accountIds: ['*'] },
        },
      ],
      edges: [edge('hook', 'out', 'draft')],
    });
    const { body: created } = await api().post(`/automations/${id}/hooks`).expect(201);
    const payload = JSON.stringify({
      post: { ID: 7, post_title: 'Autumn menu' },
      post_permalink: 'https://cafe.example/autumn',
    });
    const now = Math.floor(Date.now() / 1000);
    /** Our scheme: X-Timestamp, and X-Signature the HMAC of "<timestamp>.<body>". */
    const signed = (timestamp: number, body = payload) => ({
      'x-timestamp': String(timestamp),
      'x-signature': signDelivery(created.secret, timestamp, body),
    });
    const deliver = (headers: Record<string, string>, body = payload) =>
      t.http
        .post(new URL(created.url).pathname)
        .set({ 'content-type': 'application/json', ...headers })
        .send(body);

    const accepted = await deliver({ ...signed(now), 'x-delivery-id': 'wp-1' }).expect(202);
    const run = await settled(accepted.body.runIds[0]);
    expect(run.status).toBe('succeeded');
    const post = await api().get(`/posts/${run.steps[1].output!.postId}`).expect(200);
    expect(post.body.text).toBe('Autumn menu https://cafe.example/autumn');

    // The captured delivery sent again: as it was, under a new delivery or request id, without one.
    for (const ids of <Array<Record<string, string>>>[
      { 'x-delivery-id': 'wp-1' },
      { 'x-delivery-id': 'wp-new' },
      { 'x-request-id': 'r-9' },
      {},
    ]) {
      const replay = await deliver({ ...signed(now), ...ids });
      expect(replay.status, JSON.stringify(ids)).toBe(409);
      expect(replay.body.code).toBe('HOOK_REPLAYED');
    }
    // ... or under a new time: the signature covers the time.
    expect((await deliver({ ...signed(now), 'x-timestamp': String(now + 1), 'x-delivery-id': 'wp-5' })).status).toBe(
      401,
    );
    // The sender's retry of the same event, newly signed: accepted once, by its delivery id.
    expect((await deliver({ ...signed(now + 1), 'x-delivery-id': 'wp-1' })).status).toBe(409);
    expect(
      (await deliver({ ...signed(now), 'x-delivery-id': 'wp-2' }, payload.replace('Autumn', 'Winter'))).status,
    ).toBe(401);
    expect((await deliver({ 'x-delivery-id': 'wp-3' })).status).toBe(401);
    const bodyOnly = `sha256=${createHmac('sha256', created.secret).update(payload).digest('hex')}`;
    const legacy = await deliver({ 'x-signature-256': bodyOnly, 'x-timestamp': String(now), 'x-delivery-id': 'wp-6' });
    expect(legacy.status).toBe(401);
    expect(legacy.body.detail).toContain('X-Signature-256 (the body alone) is no longer accepted');
    const refused = await deliver({ ...signed(now - 600), 'x-delivery-id': 'wp-4' });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toContain('more than 5 minutes');
    const stored = await t.db
      .getRepository(HookDelivery)
      .find({ where: { hookId: created.hookId }, order: { deliveryId: 'ASC' } });
    expect(stored.map((d) => d.deliveryId)).toEqual(['id:wp-1', `sig:${signed(now)['x-signature'].slice(7)}`]);
    await t.http.post('/api/v1/hooks/00000000-0000-0000-0000-000000000000').send(payload).expect(404);
  });

  it('takes a burst of deliveries at once: each delivery id once, replays refused without harming the rest', async () => {
    const id = await publish('Burst to drafts', {
      nodes: [
        hook,
        { id: 'draft', type: 'create-draft', position: at(1), config: { text: 'Burst {{n}}', accountIds: ['*'] } },
      ],
      edges: [edge('hook', 'out', 'draft')],
    });
    const { body: created } = await api().post(`/automations/${id}/hooks`).expect(201);
    const path = new URL(created.url).pathname;
    // 40 deliveries sent together, ids burst-0 … burst-29, of which burst-0 … burst-9 twice.
    const deliveries = Array.from({ length: 40 }, (_, i) => i % 30);
    const now = Math.floor(Date.now() / 1000);
    const answers = await Promise.all(
      deliveries.map((n) => {
        const body = JSON.stringify({ n });
        return t.http
          .post(path)
          .set({
            'content-type': 'application/json',
            'x-timestamp': String(now),
            'x-signature': signDelivery(created.secret, now, body),
            'x-delivery-id': `burst-${n}`,
          })
          .send(body);
      }),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(30);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(10);
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.body.runIds[0] as string);
    const runs = await Promise.all(accepted.map((runId) => settled(runId)));
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    const { body: drafts } = await api().get('/posts?state=draft&limit=100').expect(200);
    const texts = (drafts.items as Array<{ text: string }>).map((p) => p.text).filter((x) => x.startsWith('Burst '));
    expect(texts.sort()).toEqual(Array.from({ length: 30 }, (_, n) => `Burst ${n}`).sort());
  });

  it('writes an offline caption, labelled, and sends it on as a signed webhook', async () => {
    const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/in`;
    try {
      const id = await publish('Caption and forward', {
        nodes: [
          hook,
          {
            id: 'write',
            type: 'ai-caption',
            position: at(1),
            config: { source: '{{title}}. {{summary}}', networks: ['x', 'linkedin'] },
          },
          { id: 'forward', type: 'send-webhook', position: at(2), config: { url } },
        ],
        edges: [edge('hook', 'out', 'write'), edge('write', 'out', 'forward')],
      });
      const run = await settled(
        await runOnce(id, { title: 'Autumn menu', summary: 'Pumpkin soup is back. Chestnuts too.' }),
      );
      expect(run.status).toBe('succeeded');
      expect(run.steps[1].output).toMatchObject({
        caption: 'Autumn menu. Pumpkin soup is back. #Autumn #Chestnuts #Menu',
        generator: 'offline',
      });
      for (let i = 0; i < 100 && !received.length; i++) await new Promise((r) => setTimeout(r, 100));
      const [delivery] = received;
      expect(JSON.parse(delivery.body)).toMatchObject({
        caption: expect.any(String),
        generator: 'offline',
        title: 'Autumn menu',
      });
      const { body: secret } = await api().get('/automations/webhook-signing-secret').expect(200);
      // Signed as our inbound hooks are: the receiver can refuse it stale or replayed.
      const sentAt = Number(delivery.headers['x-timestamp']);
      expect(Math.abs(sentAt - Date.now() / 1000)).toBeLessThan(60);
      const expected = createHmac('sha256', secret.secret).update(`${sentAt}.${delivery.body}`).digest('hex');
      expect(delivery.headers['x-signature']).toBe(`sha256=${expected}`);
      expect(delivery.headers['x-delivery-id']).toBe(run.steps[2].output!.webhookDeliveryId);
    } finally {
      receiver.close();
    }
  });

  it('waits for an approval, persisted, and continues on the decision', async () => {
    const publishAt = new Date(Date.now() + 86_400_000).toISOString();
    const id = await publish('Approve then schedule', {
      nodes: [
        hook,
        { id: 'draft', type: 'create-draft', position: at(1), config: { text: '{{title}}', accountIds: ['*'] } },
        { id: 'ask', type: 'request-approval', position: at(2), config: { message: 'Please check {{title}}' } },
        { id: 'go', type: 'schedule-post', position: at(3), config: { when: 'at', at: '{{publishAt}}' } },
        { id: 'tell', type: 'notify', position: at(3), config: { message: 'Declined: {{reason | "withdrawn"}}' } },
      ],
      edges: [
        edge('hook', 'out', 'draft'),
        edge('draft', 'out', 'ask'),
        edge('ask', 'approved', 'go'),
        edge('ask', 'declined', 'tell'),
      ],
    });

    const approvedRun = await runOnce(id, { title: 'Autumn menu', publishAt });
    const waiting = await settled(approvedRun, workspaceId, ['waiting']);
    expect(waiting.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['hook', 'out'],
      ['draft', 'out'],
      ['ask', null],
    ]);
    const pending = await api().get('/approvals').expect(200);
    const approval = pending.body.items.find((a: { text: string }) => a.text === 'Autumn menu');
    expect(approval).toMatchObject({
      status: 'pending',
      message: 'Please check Autumn menu',
      accounts: [{ name: 'Demo', network: 'sandbox' }],
    });
    expect((await api().get(`/posts/${approval.postId}`).expect(200)).body.state).toBe('pending_approval');

    await api().post(`/approvals/${approval.id}/approve`).expect(200);
    const done = await settled(approvedRun);
    expect(done.status).toBe('succeeded');
    expect(done.steps.slice(-2).map((s) => [s.nodeId, s.port])).toEqual([
      ['ask', 'approved'],
      ['go', 'out'],
    ]);
    const scheduled = await api().get(`/posts/${approval.postId}`).expect(200);
    expect(scheduled.body).toMatchObject({ state: 'scheduled', nextRunAt: publishAt });
    await api().post(`/approvals/${approval.id}/approve`).expect(409);

    const declinedRun = await runOnce(id, { title: 'Off-brand idea', publishAt });
    await settled(declinedRun, workspaceId, ['waiting']);
    const second = (await api().get('/approvals').expect(200)).body.items.find(
      (a: { text: string }) => a.text === 'Off-brand idea',
    );
    const refused = await api().post(`/approvals/${second.id}/decline`, {}).expect(400);
    expect(refused.body.errors[0].field).toBe('reason');
    await api().post(`/approvals/${second.id}/decline`, { reason: 'not our voice' }).expect(200);
    const declined = await settled(declinedRun);
    expect(declined.steps.slice(-2).map((s) => [s.nodeId, s.port])).toEqual([
      ['ask', 'declined'],
      ['tell', 'out'],
    ]);
    const bell = await api().get('/notifications').expect(200);
    // The notify node's message and the author's "was declined" notice arrive together, in either order.
    expect(bell.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ body: 'Declined: not our voice', read: false })]),
    );
    expect(bell.body.unread).toBeGreaterThan(0);

    // Dragged back to Drafts on the board: the request is withdrawn and the run goes on at once.
    const withdrawnRun = await runOnce(id, { title: 'Changed my mind', publishAt });
    await settled(withdrawnRun, workspaceId, ['waiting']);
    const third = (await api().get('/approvals').expect(200)).body.items.find(
      (a: { text: string }) => a.text === 'Changed my mind',
    );
    await api().post(`/posts/${third.postId}/move`, { to: 'draft' }).expect(200);
    const withdrawn = await settled(withdrawnRun);
    expect(withdrawn.status).toBe('succeeded');
    expect(withdrawn.steps.slice(-2).map((s) => [s.nodeId, s.port])).toEqual([
      ['ask', 'declined'],
      ['tell', 'out'],
    ]);
    expect(withdrawn.steps.at(-2)?.output).toMatchObject({ decision: 'withdrawn' });
  });

  it('parks long waits in the database and resumes them when their time comes: a delay, an approval timeout', async () => {
    const id = await publish('Wait, then ask', {
      nodes: [
        hook,
        { id: 'later', type: 'delay', position: at(1), config: { mode: 'for', minutes: 30 } },
        { id: 'draft', type: 'create-draft', position: at(2), config: { text: '{{title}}', accountIds: ['*'] } },
        { id: 'ask', type: 'request-approval', position: at(3), config: { timeoutHours: 2 } },
        { id: 'nudge', type: 'notify', position: at(4), config: { message: 'Nobody decided on {{title}}' } },
      ],
      edges: [
        edge('hook', 'out', 'later'),
        edge('later', 'out', 'draft'),
        edge('draft', 'out', 'ask'),
        edge('ask', 'timeout', 'nudge'),
      ],
    });
    const runId = await runOnce(id, { title: 'Slow news' });
    await settled(runId, workspaceId, ['waiting']);
    const engine = t.app.get(AutomationEngine);
    await engine.resumeDue(new Date(Date.now() + 29 * 60_000));
    expect((await api().get(`/runs/${runId}`).expect(200)).body.status).toBe('waiting');

    await engine.resumeDue(new Date(Date.now() + 31 * 60_000));
    const asked = await settled(runId, workspaceId, ['waiting']).then(async () => {
      for (let i = 0; i < 100; i++) {
        const { body } = await api().get(`/runs/${runId}`).expect(200);
        if (body.steps.some((s: { nodeId: string }) => s.nodeId === 'ask')) return body as RunBody;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the run did not get to the approval');
    });
    expect(asked.steps.map((s) => [s.nodeId, s.port])).toEqual([
      ['hook', 'out'],
      ['later', null],
      ['later', 'out'],
      ['draft', 'out'],
      ['ask', null],
    ]);
    await engine.resumeDue(new Date(Date.now() + 3 * 3_600_000));
    const done = await settled(runId);
    const open = (await api().get('/approvals').expect(200)).body.items;
    expect(open.some((a: { text: string }) => a.text === 'Slow news')).toBe(false);
    expect(done.steps.slice(-2).map((s) => [s.nodeId, s.port])).toEqual([
      ['ask', 'timeout'],
      ['nudge', 'out'],
    ]);
  });

  it("cannot reach another workspace's data, even with a crafted config or token", async () => {
    const id = await publish('Crafted', {
      nodes: [
        hook,
        { id: 'draft', type: 'create-draft', position: at(1), config: { text: 'x', accountIds: [otherAccount] } },
      ],
      edges: [edge('hook', 'out', 'draft')],
    });
    const run = await settled(await runOnce(id, {}));
    expect(run.status).toBe('failed');
    expect(run.error).toContain(`no active account ${otherAccount}`);
    expect((await api(otherWorkspace).get('/posts').expect(200)).body.items).toEqual([]);

    // The token of this automation, used on a run of another workspace's automation.
    const token = t.app.get<RuntimeTokens>(RUNTIME_TOKENS).issue({ workspaceId, automationId: id });
    const theirs = await publish('Theirs', { nodes: [hook], edges: [] }, otherWorkspace);
    const theirRun = await runOnce(theirs, {}, otherWorkspace);
    const call = (token: string, runId: string) =>
      t.app.get(RuntimeActions).perform({
        type: 'create-draft',
        token,
        runId,
        nodeId: 'draft',
        config: { text: 'x', accountIds: ['*'] },
        payload: {},
      });
    await expect(call(token, theirRun)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(call(`${token.slice(0, -2)}xx`, run.id)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(call('', run.id)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect((await api(otherWorkspace).get('/posts').expect(200)).body.items).toEqual([]);
    // Actions travel over the runtime's IPC channel only: no internal route on the public port.
    await t.http.post('/internal/v1/actions/create-draft').send({}).expect(404);
  });

  it("keeps text that looks like an environment reference as typed: the runtime's token and PATH never fill it", async () => {
    const id = await publish('Literal text', {
      nodes: [
        hook,
        { id: 'token', type: 'create-draft', position: at(1), config: { text: '${SO_TOKEN}', accountIds: ['*'] } },
        { id: 'path', type: 'create-draft', position: at(1), config: { text: '$(PATH)', accountIds: ['*'] } },
        {
          id: 'both',
          type: 'create-draft',
          position: at(1),
          config: { text: '${SO_TOKEN} ${PATH} {{title}}', accountIds: ['*'] },
        },
      ],
      edges: [edge('hook', 'out', 'token'), edge('hook', 'out', 'path'), edge('hook', 'out', 'both')],
    });
    const run = await settled(await runOnce(id, { title: 'News' }));
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    const texts: Record<string, string> = {};
    for (const step of run.steps.filter((s) => s.nodeId !== 'hook')) {
      texts[step.nodeId] = (
        await api()
          .get(`/posts/${step.output!.postId as string}`)
          .expect(200)
      ).body.text;
    }
    expect(texts).toEqual({ token: '${SO_TOKEN}', path: '$(PATH)', both: '${SO_TOKEN} ${PATH} News' });
  });

  it("pages a run's steps: oldest first, a page at a time, each step once", async () => {
    const id = await publish('Wide', fanOut(4));
    const runId = await runOnce(id, { n: 1 });
    const whole = await settled(runId);
    expect(whole.status).toBe('succeeded');
    expect(whole.steps).toHaveLength(31);
    expect(whole).toMatchObject({ nextStepsCursor: null });

    const pages: RunBody[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await api()
        .get(`/runs/${runId}?limit=10${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      const body = page.body as RunBody;
      pages.push(body);
      cursor = body.nextStepsCursor;
    }
    expect(pages.map((p) => p.steps.length)).toEqual([10, 10, 10, 1]);
    const ids = pages.flatMap((p) => p.steps.map((s) => s.id));
    expect(ids).toEqual(whole.steps.map((s) => s.id));
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(31);
    // Oldest first: the trigger, then the first level before the second.
    expect(whole.steps.slice(0, 3).map((s) => s.nodeId)).toEqual(expect.arrayContaining(['hook', 'a1', 'b1']));
    expect(whole.steps[0].nodeId).toBe('hook');
    expect(await t.db.getRepository(RunStep).countBy({ runId })).toBe(31);

    await api().get(`/runs/${runId}?limit=501`).expect(400);
    await api().get(`/runs/${runId}?cursor=not-an-id`).expect(400);
  });

  it('ends ten events through a graph that multiplies its messages with bounded steps, and tells the owners', async () => {
    const id = await publish('Fan-out', fanOut(6));
    const runIds: string[] = [];
    for (let n = 0; n < 10; n++) runIds.push(await runOnce(id, { n }));
    for (const runId of runIds) {
      expect(await settled(runId)).toMatchObject({
        status: 'stopped',
        error: 'step guard: the run took more than 50 steps',
      });
    }
    // Unchecked, each event takes 127 steps.
    const stored = await t.db.getRepository(RunStep).countBy(runIds.map((runId) => ({ runId })));
    expect(stored).toBe(10 * 50);
    expect(await toldInBell()).toContain('Automation "Fan-out" was stopped');
  });

  it('counts the steps of a loop through a long wait across its waits, and stops it at the limit', async () => {
    const id = await publish('Every half hour, for ever', loopThroughWait(30));
    const runId = await runOnce(id, {});
    await settled(runId, workspaceId, ['waiting']);
    const engine = t.app.get(AutomationEngine);
    const count = () => t.db.getRepository(RunStep).countBy({ runId });
    let status = 'waiting';
    for (let turn = 0; turn < 40 && status !== 'stopped'; turn++) {
      const before = await count();
      await engine.resumeDue(new Date(Date.now() + 31 * 60_000));
      // The turn is over when its steps are written and the run waits again, or it was stopped.
      const deadline = Date.now() + 10_000;
      for (;;) {
        status = (await api().get(`/runs/${runId}`).expect(200)).body.status;
        if (status === 'stopped' || (status === 'waiting' && (await count()) > before)) break;
        if (Date.now() > deadline) throw new Error(`turn ${turn}: the run is ${status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const { body } = await api().get(`/runs/${runId}`).expect(200);
    expect(body).toMatchObject({ status: 'stopped', error: 'step guard: the run took more than 50 steps' });
    expect(await count()).toBe(50);
  });

  it('ends ten events through a loop that barely waits with bounded steps', async () => {
    const id = await publish('Spinner', loopThroughWait(0.0001));
    const runIds: string[] = [];
    for (let n = 0; n < 10; n++) runIds.push(await runOnce(id, { n }));
    for (const runId of runIds) expect((await settled(runId)).status).toBe('stopped');
    const stored = await t.db.getRepository(RunStep).countBy(runIds.map((runId) => ({ runId })));
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(10 * 40);
  });

  it('stops a runaway loop and tells the owners, while other automations keep running', async () => {
    const loop = await publish(
      'Runaway',
      // A few milliseconds each turn: a wait, so the graph is accepted, yet a loop that never ends.
      loopThroughWait(0.0001),
    );
    const calm = await publish('Calm', { nodes: [hook], edges: [] });
    const spinning = await runOnce(loop, {});
    const fine = await runOnce(calm, {});
    expect((await settled(spinning)).status).toBe('stopped');
    expect((await settled(spinning)).error).toBe('loop guard: a message passed more than 40 nodes');
    expect((await settled(fine)).status).toBe('succeeded');
    expect(await toldInBell()).toContain('Automation "Runaway" was stopped');
  });

  it('marks a run in flight interrupted when the runtime dies, and redeploys after the restart', async () => {
    const id = await publish('Slow', {
      nodes: [hook, { id: 'wait', type: 'delay', position: at(1), config: { minutes: 0.1 } }],
      edges: [edge('hook', 'out', 'wait')],
    });
    const inFlight = await runOnce(id, {});
    await settled(inFlight, workspaceId, ['running']);
    const runtime = t.app.get(FlowRuntimeService);
    process.kill(runtime.status().details!.pid!, 'SIGKILL');
    const lost = await settled(inFlight);
    expect(lost).toMatchObject({
      status: 'interrupted',
      error: 'the flow runtime restarted while this run was in flight',
    });
    const fresh = await publish('After restart', { nodes: [hook], edges: [] });
    expect((await settled(await runOnce(fresh, {}))).status).toBe('succeeded');
  });
});
