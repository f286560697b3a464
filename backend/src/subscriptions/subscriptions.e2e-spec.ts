import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../jobs/background-jobs';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { FakeNetwork, type ReceivedRequest } from '../testing/fake-network';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { newId } from '../common/ids';
import { SubscriptionDeliveries } from './subscription-deliveries';
import { SubscriptionDelivery } from './subscription-delivery.entity';
import { SubscriptionHealth } from './subscription-health';

/** Waits for something the background jobs do (Agenda looks for due jobs every 2 s). */
async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.each(DATABASE_KINDS)('REST hook subscriptions on %s', (kind) => {
  let t: TestApp;
  let receiver: FakeNetwork;
  let owner: TestUser;

  beforeAll(async () => {
    t = await startTestApp(kind, { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    t.app.get(SubscriptionDeliveries).retryPolicy = { baseMs: 100, maxMs: 200, maxAttempts: 5 };
    await t.app.get(BackgroundJobs).start();
    receiver = await FakeNetwork.start();
    owner = await newUser(t, 'owner');
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.close();
  });

  /** A workspace with a Sandbox account and an API key as Zapier would hold it. */
  async function workspace(label: string) {
    const workspaceId = await newWorkspace(t, owner, `Hooks ${label}`);
    const account = await t.http
      .post('/api/v1/accounts')
      .set(as(owner, workspaceId))
      .send({ network: 'sandbox', name: `Demo ${label}` })
      .expect(201);
    const key = await t.http
      .post('/api/v1/api-keys')
      .set(as(owner, workspaceId))
      .send({ name: 'Zapier', scopes: ['automations:read', 'automations:write', 'posts:write'] })
      .expect(201);
    return { workspaceId, accountId: account.body.id as string, zapier: { Authorization: `Bearer ${key.body.key}` } };
  }

  /** Publishes a post to the Sandbox at once, as the worker would. */
  async function publish(workspaceId: string, accountId: string, text: string): Promise<string> {
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text, variants: [{ accountId }], schedule: { type: 'now' } })
      .expect(201);
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 100 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(100, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    return post.body.id as string;
  }

  const received = (path: string) => receiver.to('POST', path);
  const verify = (secret: string, r: ReceivedRequest) =>
    r.headers['x-signature'] ===
    `sha256=${createHmac('sha256', secret)
      .update(`${String(r.headers['x-timestamp'])}.${r.body.toString('utf8')}`)
      .digest('hex')}`;

  it('delivers a published post once, signed with the subscription’s secret, and lists the delivery', async () => {
    const w = await workspace('publish');
    receiver.on('POST', '/zap', { status: 200, json: { status: 'success' } });
    const created = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'post.published', targetUrl: `${receiver.url}/zap` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ event: 'post.published', status: 'active', recentDeliveries: [] });
    expect(created.body.secret).toMatch(/^[\w-]{43}$/);
    const postId = await publish(w.workspaceId, w.accountId, 'Autumn menu is here');
    const [delivery] = await until('the delivery', async () => (received('/zap').length ? received('/zap') : null));
    expect(verify(created.body.secret, delivery)).toBe(true);
    const body = JSON.parse(delivery.body.toString('utf8'));
    expect(body).toMatchObject({
      id: delivery.headers['x-delivery-id'],
      event: 'post.published',
      workspaceId: w.workspaceId,
      data: { postId, accountId: w.accountId, network: 'sandbox', text: 'Autumn menu is here' },
    });
    expect(body.data).toHaveProperty('externalUrl'); // the network's link; the Sandbox has none
    expect(delivery.headers['x-event']).toBe('post.published');
    const listed = await until('the delivery recorded', async () => {
      const page = await t.http.get(`/api/v1/subscriptions/${created.body.id}/deliveries`).set(w.zapier).expect(200);
      return page.body.items[0]?.status === 'delivered' && page.body;
    });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: body.id, attempts: 1, responseStatus: 200 });
    expect(listed.items[0].responseExcerpt).toContain('success');
    const list = await t.http.get('/api/v1/subscriptions').set(as(owner, w.workspaceId)).expect(200);
    expect(list.body.items[0].recentDeliveries[0].id).toBe(body.id);
    expect(list.body.items[0].secret).toBeUndefined();
    expect(received('/zap')).toHaveLength(1);
  });

  it('tries again after a 500 and delivers the same delivery on the second attempt', async () => {
    const w = await workspace('retry');
    receiver.on('POST', '/flaky', { status: 500, text: 'oops' }, { status: 200, text: 'ok' });
    const created = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'post.published', targetUrl: `${receiver.url}/flaky` })
      .expect(201);
    await publish(w.workspaceId, w.accountId, 'Second time lucky');
    const page = await until('the retried delivery', async () => {
      const res = await t.http.get(`/api/v1/subscriptions/${created.body.id}/deliveries`).set(w.zapier);
      return res.body.items[0]?.status === 'delivered' && res.body;
    });
    expect(page.items[0]).toMatchObject({ attempts: 2, responseStatus: 200, responseExcerpt: 'ok' });
    const calls = received('/flaky');
    expect(calls).toHaveLength(2);
    expect(calls[0].headers['x-delivery-id']).toBe(calls[1].headers['x-delivery-id']);
    expect(calls.every((c) => verify(created.body.secret, c))).toBe(true);
    const [subscription] = (await t.http.get('/api/v1/subscriptions').set(w.zapier)).body.items;
    expect(subscription.consecutiveFailures).toBe(0);
  });

  it('unsubscribes when the target answers 410 Gone', async () => {
    const w = await workspace('gone');
    receiver.on('POST', '/deleted-zap', { status: 410 });
    const created = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'post.published', targetUrl: `${receiver.url}/deleted-zap` })
      .expect(201);
    await publish(w.workspaceId, w.accountId, 'Nobody listens');
    await until('the unsubscribe', async () => {
      const list = await t.http.get('/api/v1/subscriptions').set(w.zapier);
      return list.body.items.length === 0;
    });
    expect(received('/deleted-zap')).toHaveLength(1);
    await t.http.get(`/api/v1/subscriptions/${created.body.id}/deliveries`).set(w.zapier).expect(404);
  });

  it('turns a failing subscription off, tells whoever subscribed, and can be turned back on', async () => {
    const w = await workspace('failing');
    const health = t.app.get(SubscriptionHealth);
    const policy = health.disablePolicy;
    health.disablePolicy = { failures: 3, forMs: 0 };
    try {
      receiver.on('POST', '/down', { status: 503, text: 'down for maintenance' });
      const created = await t.http
        .post('/api/v1/subscriptions')
        .set(w.zapier)
        .send({ event: 'post.published', targetUrl: `${receiver.url}/down` })
        .expect(201);
      await publish(w.workspaceId, w.accountId, 'Into the void');
      const off = await until('the subscription turned off', async () => {
        const list = await t.http.get('/api/v1/subscriptions').set(w.zapier);
        return list.body.items[0]?.status === 'disabled' && list.body.items[0];
      });
      expect(off.disabledReason).toContain('3 failed attempts in a row');
      expect(off.recentDeliveries[0]).toMatchObject({ status: 'failed', responseStatus: 503 });
      expect(received('/down')).toHaveLength(3);
      // Told just after it is turned off.
      const told = await until('the notification', async () => {
        const bell = await t.http.get('/api/v1/notifications').set(as(owner, w.workspaceId)).expect(200);
        return bell.body.items[0];
      });
      expect(told).toMatchObject({
        kind: 'subscription_disabled',
        title: 'A post.published subscription was turned off',
        link: `/w/${w.workspaceId}/integrations`,
      });
      // Off means off: a new event is not sent.
      await publish(w.workspaceId, w.accountId, 'Still nobody');
      const on = await t.http.post(`/api/v1/subscriptions/${created.body.id}/enable`).set(w.zapier).expect(200);
      expect(on.body).toMatchObject({ status: 'active', disabledReason: null, consecutiveFailures: 0 });
      expect(received('/down')).toHaveLength(3);
    } finally {
      health.disablePolicy = policy;
    }
  });

  it('names the field of a bad subscription', async () => {
    const w = await workspace('invalid');
    const badEvent = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'post.liked', targetUrl: `${receiver.url}/x` });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.errors[0].field).toBe('event');
    const badUrl = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'post.failed', targetUrl: 'ftp://example.com/x' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors[0].field).toBe('targetUrl');
  });

  it('keeps subscriptions to their workspace and their permissions', async () => {
    const mine = await workspace('mine');
    const theirs = await workspace('theirs');
    const created = await t.http
      .post('/api/v1/subscriptions')
      .set(theirs.zapier)
      .send({ event: 'approval.requested', targetUrl: `${receiver.url}/theirs` })
      .expect(201);
    const list = await t.http.get('/api/v1/subscriptions').set(mine.zapier).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.id);
    await t.http.delete(`/api/v1/subscriptions/${created.body.id}`).set(mine.zapier).expect(404);
    await t.http.get(`/api/v1/subscriptions/${created.body.id}/deliveries`).set(mine.zapier).expect(404);
    await t.http.post(`/api/v1/subscriptions/${created.body.id}/enable`).set(mine.zapier).expect(404);
    const viewer = await newUser(t, 'viewer');
    await addMember(t, owner, theirs.workspaceId, viewer, 'viewer');
    await t.http.get('/api/v1/subscriptions').set(as(viewer, theirs.workspaceId)).expect(200);
    await t.http
      .post('/api/v1/subscriptions')
      .set(as(viewer, theirs.workspaceId))
      .send({ event: 'post.published', targetUrl: `${receiver.url}/v` })
      .expect(403);
    await t.http.delete(`/api/v1/subscriptions/${created.body.id}`).set(theirs.zapier).expect(204);
    expect((await t.http.get('/api/v1/subscriptions').set(theirs.zapier)).body.items).toEqual([]);
    const log = await t.http.get('/api/v1/activity').set(as(owner, theirs.workspaceId)).expect(200);
    expect(log.body.items.map((e: { action: string; targetId: string }) => `${e.action}:${e.targetId}`)).toEqual(
      expect.arrayContaining([`subscription.created:${created.body.id}`, `subscription.deleted:${created.body.id}`]),
    );
  });

  it('delivers an approval request with its post', async () => {
    const w = await workspace('approval');
    receiver.on('POST', '/approvals', { status: 202 });
    const created = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'approval.requested', targetUrl: `${receiver.url}/approvals` })
      .expect(201);
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, w.workspaceId))
      .send({ text: 'Check my prices', variants: [{ accountId: w.accountId }] })
      .expect(201);
    const approval = await t.http
      .post('/api/v1/approvals')
      .set(as(owner, w.workspaceId))
      .send({ postId: post.body.id, message: 'Before Friday' })
      .expect(201);
    const [delivery] = await until('the approval delivery', async () =>
      received('/approvals').length ? received('/approvals') : null,
    );
    expect(verify(created.body.secret, delivery)).toBe(true);
    expect(JSON.parse(delivery.body.toString('utf8'))).toMatchObject({
      event: 'approval.requested',
      data: { approvalId: approval.body.id, postId: post.body.id, text: 'Check my prices', message: 'Before Friday' },
    });
  });

  it('tells post.failed and account.needs_reconnect when the network refuses the account’s sign-in', async () => {
    const w = await workspace('reauth');
    receiver.on('POST', '/failed', { status: 200 });
    receiver.on('POST', '/reconnect', { status: 200 });
    for (const [event, path] of [
      ['post.failed', '/failed'],
      ['account.needs_reconnect', '/reconnect'],
    ]) {
      await t.http
        .post('/api/v1/subscriptions')
        .set(w.zapier)
        .send({ event, targetUrl: `${receiver.url}${path}` })
        .expect(201);
    }
    await t.http
      .patch(`/api/v1/accounts/${w.accountId}`)
      .set(as(owner, w.workspaceId))
      .send({ settings: { failStatus: 401, failCount: 1 } })
      .expect(200);
    const postId = await publish(w.workspaceId, w.accountId, 'Refused at the door');
    const [failed] = await until('post.failed', async () => (received('/failed').length ? received('/failed') : null));
    expect(JSON.parse(failed.body.toString('utf8'))).toMatchObject({
      event: 'post.failed',
      data: { postId, accountId: w.accountId, failureCode: 'REAUTH_REQUIRED', text: 'Refused at the door' },
    });
    const [reconnect] = await until('account.needs_reconnect', async () =>
      received('/reconnect').length ? received('/reconnect') : null,
    );
    expect(JSON.parse(reconnect.body.toString('utf8'))).toMatchObject({
      event: 'account.needs_reconnect',
      data: { accountId: w.accountId, accountName: 'Demo reauth', network: 'sandbox' },
    });
  });

  it('tells approval.decided with the decision and the note', async () => {
    const w = await workspace('decided');
    receiver.on('POST', '/decided', { status: 200 });
    await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'approval.decided', targetUrl: `${receiver.url}/decided` })
      .expect(201);
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, w.workspaceId))
      .send({ text: 'Too early?', variants: [{ accountId: w.accountId }] })
      .expect(201);
    const approval = await t.http
      .post('/api/v1/approvals')
      .set(as(owner, w.workspaceId))
      .send({ postId: post.body.id })
      .expect(201);
    await t.http
      .post(`/api/v1/approvals/${approval.body.id}/decline`)
      .set(as(owner, w.workspaceId))
      .send({ reason: 'Wait for Monday' })
      .expect(200);
    const [decided] = await until('approval.decided', async () =>
      received('/decided').length ? received('/decided') : null,
    );
    expect(JSON.parse(decided.body.toString('utf8'))).toMatchObject({
      event: 'approval.decided',
      data: { approvalId: approval.body.id, postId: post.body.id, decision: 'declined', reason: 'Wait for Monday' },
    });
  });

  it('sends what a crash left behind: a row whose job was lost, and a claim whose worker died', async () => {
    const w = await workspace('crash');
    receiver.on('POST', '/after-crash', { status: 200 });
    const created = await t.http
      .post('/api/v1/subscriptions')
      .set(w.zapier)
      .send({ event: 'run.failed', targetUrl: `${receiver.url}/after-crash` })
      .expect(201);
    const deliveries = t.db.getRepository(SubscriptionDelivery);
    const row = (id: string, columns: Partial<SubscriptionDelivery>) => ({
      id,
      subscriptionId: created.body.id as string,
      workspaceId: w.workspaceId,
      eventKey: `run.failed:${id}`,
      body: JSON.stringify({ id, event: 'run.failed', data: {} }),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: new Date(Date.now() - 5 * 60_000),
      leaseUntil: null,
      responseStatus: null,
      responseExcerpt: null,
      deliveredAt: null,
      ...columns,
    });
    const lost = newId();
    const died = newId();
    await deliveries.insert(row(lost, {}));
    await deliveries.insert(row(died, { status: 'sending', attempts: 1, leaseUntil: new Date(Date.now() - 1000) }));
    await t.app.get(SubscriptionDeliveries).sweep();
    await until('both sent', async () => received('/after-crash').length === 2);
    const ids = received('/after-crash').map((r) => r.headers['x-delivery-id']);
    expect(ids.sort()).toEqual([lost, died].sort());
    await until(
      'both recorded',
      async () => (await deliveries.countBy({ subscriptionId: created.body.id, status: 'delivered' })) === 2,
    );
    // A month on, finished deliveries are forgotten.
    const pruned = await t.app.get(SubscriptionDeliveries).prune(new Date(Date.now() + 31 * 86_400_000));
    expect(pruned).toBeGreaterThanOrEqual(2);
    expect(await deliveries.countBy({ subscriptionId: created.body.id })).toBe(0);
  });

  it('offers a sample body of every event', async () => {
    const w = await workspace('samples');
    const samples = await t.http.get('/api/v1/subscriptions/samples').set(w.zapier).expect(200);
    expect(samples.body.map((s: { event: string }) => s.event)).toEqual([
      'post.published',
      'post.failed',
      'approval.requested',
      'approval.decided',
      'run.failed',
      'account.needs_reconnect',
    ]);
    expect(samples.body[0].body).toMatchObject({ event: 'post.published', workspaceId: w.workspaceId });
  });
});
