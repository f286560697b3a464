import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { OutboxEmail } from '../mail/outbox-email.entity';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { Publisher } from './publisher';
import { PublishJob } from './publish-job.entity';
import { Reconciler } from './reconciler';
import { SchedulerTick } from './scheduler-tick';

/** Past the lease of a job claimed a minute from now. */
const afterLease = () => later(60_000 + 301_000);
const soon = () => new Date(Date.now() + 1500).toISOString();
const later = (ms: number) => new Date(Date.now() + ms);

describe.each(DATABASE_KINDS)('publishing engine on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let tick: SchedulerTick;
  let publisher: Publisher;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Engine Inc');
    tick = new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 500 });
    publisher = t.app.get(Publisher);
    publisher.retryPolicy = { maxAttempts: 3, baseMs: 1000, maxMs: 5000 };
  });
  afterAll(() => t?.close());

  const account = async (name: string, settings?: object) => {
    const id = (
      await t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send({ network: 'sandbox', name }).expect(201)
    ).body.id as string;
    if (settings)
      await t.http.patch(`/api/v1/accounts/${id}`).set(as(owner, workspaceId)).send({ settings }).expect(200);
    return id;
  };
  const schedule = async (accountIds: string[], text: string, at = soon()) =>
    (
      await t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({ text, variants: accountIds.map((accountId) => ({ accountId })), schedule: { type: 'single', at } })
        .expect(201)
    ).body;
  /** Claims and sends every job due by `at`, as a worker would. */
  const publishDue = async (at = later(60_000)) => {
    for (const job of await publisher.claim(100, at)) await publisher.attempt(job);
  };
  const getPost = async (id: string) =>
    (await t.http.get(`/api/v1/posts/${id}`).set(as(owner, workspaceId)).expect(200)).body;
  const sandboxPosts = (text: string) => t.db.getRepository(SandboxPost).findBy({ text });

  it('publishes a scheduled post to every account, once each', async () => {
    const [a, b] = [await account('A'), await account('B')];
    const post = await schedule([a, b], 'to both');
    expect(await tick.run()).toBeGreaterThanOrEqual(2);
    expect((await getPost(post.id)).state).toBe('publishing');
    await publishDue();
    const done = await getPost(post.id);
    expect(done.state).toBe('published');
    expect(done.variants.map((v: { state: string }) => v.state)).toEqual(['published', 'published']);
    expect(done.variants.every((v: { externalId: string | null }) => v.externalId)).toBe(true);
    expect((await sandboxPosts('to both')).length).toBe(2);
    const attempts = await t.http.get(`/api/v1/posts/${post.id}/attempts`).set(as(owner, workspaceId)).expect(200);
    const timeline = await t.http.get(`/api/v1/accounts/${a}/sandbox-timeline`).set(as(owner, workspaceId)).expect(200);
    expect(timeline.body.items).toHaveLength(1);
    expect(timeline.body.items[0]).toMatchObject({ text: 'to both', postType: 'status' });
    expect(Object.keys(timeline.body.items[0].metrics).sort()).toEqual([
      'clicks',
      'comments',
      'impressions',
      'reach',
      'reactions',
      'reactionsByType',
      'saves',
      'shares',
      'videoViews',
    ]);
    expect(attempts.body.items.map((j: { status: string; attempts: number }) => [j.status, j.attempts])).toEqual([
      ['published', 1],
      ['published', 1],
    ]);
  });

  it('makes no duplicate job from a repeated or concurrent tick', async () => {
    const a = await account('Tick');
    const post = await schedule([a], 'ticked many times');
    await Promise.all([tick.run(), tick.run(), tick.run()]);
    await tick.run();
    expect(await t.db.getRepository(PublishJob).countBy({ postId: post.id })).toBe(1);
  });

  it('two workers claiming at once never take the same job', async () => {
    const a = await account('Claims');
    for (let i = 0; i < 20; i++) await schedule([a], `claim ${i}`);
    await tick.run();
    const [first, second] = await Promise.all([publisher.claim(15, later(60_000)), publisher.claim(15, later(60_000))]);
    const ids = [...first, ...second].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const job of [...first, ...second]) await publisher.attempt(job);
    await publishDue();
    const texts = Array.from({ length: 20 }, (_, i) => `claim ${i}`);
    const published = await Promise.all(texts.map(sandboxPosts));
    expect(published.map((rows) => rows.length)).toEqual(texts.map(() => 1));
  });

  it('retries a rate-limited post no sooner than the network asked, then publishes it', async () => {
    const a = await account('Limited', { failStatus: 429, failCount: 1, retryAfterSeconds: 30 });
    const post = await schedule([a], 'rate limited');
    await tick.run();
    await publishDue(later(5_000));
    const [job] = await t.db.getRepository(PublishJob).findBy({ postId: post.id });
    expect(job).toMatchObject({ status: 'queued', attempts: 1, errorCode: 'RETRYING' });
    expect(job.dueAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 25_000);
    expect(job.history[0]).toMatchObject({ outcome: 'retry' });
    await publishDue(later(10_000));
    expect((await sandboxPosts('rate limited')).length).toBe(0);
    await publishDue(later(60_000));
    expect((await getPost(post.id)).state).toBe('published');
    expect((await sandboxPosts('rate limited')).length).toBe(1);
  });

  it('marks the post failed after the last attempt and tells the team', async () => {
    const a = await account('Down', { failStatus: 500, failCount: 10 });
    const post = await schedule([a], 'never makes it');
    await tick.run();
    for (let i = 0; i < 3; i++) await publishDue(later(60_000 * (i + 1)));
    const failed = await getPost(post.id);
    expect(failed.state).toBe('failed');
    expect(failed.variants[0].lastError).toContain('gave up after the last attempt');
    const [job] = await t.db.getRepository(PublishJob).findBy({ postId: post.id });
    expect(job).toMatchObject({ status: 'failed', attempts: 3, errorCode: 'RETRIES_EXHAUSTED' });
    const mail = await t.db.getRepository(OutboxEmail).findBy({ workspaceId, to: owner.email });
    expect(mail.some((m) => m.subject === 'A post to Down was not published')).toBe(true);
  });

  it('sets the account to reauth_required when the network refuses the token', async () => {
    const a = await account('Expired', { failStatus: 401, failCount: 1 });
    const post = await schedule([a], 'token gone');
    await tick.run();
    await publishDue();
    expect((await getPost(post.id)).state).toBe('failed');
    const accounts = await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200);
    expect(accounts.body.items.find((x: { id: string }) => x.id === a)).toMatchObject({ status: 'reauth_required' });
    const [job] = await t.db.getRepository(PublishJob).findBy({ postId: post.id });
    expect(job.errorCode).toBe('REAUTH_REQUIRED');
    const refused = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text: 'again', variants: [{ accountId: a }], schedule: { type: 'single', at: soon() } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toContain('waiting to be reconnected');
  });

  it('reconciles an interrupted send by looking the post up, and never sends it twice', async () => {
    const a = await account('Interrupted');
    const post = await schedule([a], 'sent then crashed');
    await tick.run();
    const [job] = await publisher.claim(100, later(60_000));
    // The network got the post; the worker died before writing that down.
    const context = (await publisher.load(job))!;
    await publisher
      .connectorFor(context.account)!
      .publish(
        { externalAccountId: context.account.externalAccountId, accessToken: 'x' },
        await publisher.request(context),
      );
    await t.app.get(Reconciler).run(afterLease());
    const settled = await t.db.getRepository(PublishJob).findOneByOrFail({ id: job.id });
    expect(settled.status).toBe('published');
    expect(settled.history.at(-1)?.outcome).toBe('reconciled');
    expect((await sandboxPosts('sent then crashed')).length).toBe(1);
    expect((await getPost(post.id)).state).toBe('published');
  });

  it('sends again only when the lookup shows the interrupted send never arrived', async () => {
    const a = await account('Lost on the way');
    await schedule([a], 'never arrived');
    await tick.run();
    const [job] = await publisher.claim(100, later(60_000));
    await t.app.get(Reconciler).run(afterLease());
    expect(await t.db.getRepository(PublishJob).findOneByOrFail({ id: job.id })).toMatchObject({ status: 'queued' });
    await publishDue(later(t.config.publishing.leaseMs + 120_000));
    expect((await sandboxPosts('never arrived')).length).toBe(1);
  });

  it('flags an interrupted send for a person where the network cannot be asked', async () => {
    const a = await account('No lookup', { lookup: false });
    const post = await schedule([a], 'who knows');
    await tick.run();
    const [job] = await publisher.claim(100, later(60_000));
    await t.app.get(Reconciler).run(afterLease());
    expect(await t.db.getRepository(PublishJob).findOneByOrFail({ id: job.id })).toMatchObject({
      status: 'needs_review',
    });
    const flagged = await getPost(post.id);
    expect(flagged.variants[0].state).toBe('needs_review');
    expect((await sandboxPosts('who knows')).length).toBe(0);
    const mail = await t.db.getRepository(OutboxEmail).findBy({ workspaceId });
    expect(mail.some((m) => m.subject === 'Please check whether a post to No lookup went out')).toBe(true);
  });
});
