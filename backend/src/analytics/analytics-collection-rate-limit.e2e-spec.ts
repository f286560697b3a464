import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialAccount } from '../accounts/social-account.entity';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { as, newUser, newWorkspace, type TestUser } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { AnalyticsJobs } from './analytics-jobs';
import { AnalyticsPost } from './analytics-post.entity';
import { PostMetricSnapshot } from './post-metric-snapshot.entity';

const HOUR = 3_600_000;
const RETRY_AFTER_S = 600;

/**
 * Collection meeting a real 429: the Sandbox answers a metric read with 429 and Retry-After (its
 * `metricsFailStatus` setting), collect-due moves the post's read past the Retry-After through the
 * retry policy, records nothing, and the next run after that reads it once.
 */
describe.each(DATABASE_KINDS)('analytics collection meeting a rate limit on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let accountId: string;
  let jobs: AnalyticsJobs;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Limited Inc', 'Europe/Paris');
    jobs = t.app.get(AnalyticsJobs);
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Bakery' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const tracked = (id: string) => t.db.getRepository(AnalyticsPost).findOneByOrFail({ id });
  const snapshots = (id: string) => t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: id });

  /** Schedules a post a moment from now and publishes it as the engine's tick and worker would. */
  async function publish(text: string): Promise<string> {
    const post = (
      await t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({
          text,
          variants: [{ accountId }],
          schedule: { type: 'single', at: new Date(Date.now() + 1500).toISOString() },
        })
        .expect(201)
    ).body;
    await new SchedulerTick(t.db, { horizonMs: 60_000, batchSize: 500 }).run();
    const publisher = t.app.get(Publisher);
    for (const job of await publisher.claim(100, new Date(Date.now() + 60_000))) await publisher.attempt(job);
    return post.variants[0].id;
  }

  it('a 429 with Retry-After moves the read past it, records nothing, and the next run collects once', async () => {
    // Publishing is not affected by the metric-read failure setting: the post goes out.
    const variantId = await publish('Fresh bread at dawn #bakery');
    await t.http
      .patch(`/api/v1/accounts/${accountId}`)
      .set(as(owner, workspaceId))
      .send({ settings: { metricsFailStatus: 429, metricsFailCount: 1, retryAfterSeconds: RETRY_AFTER_S } })
      .expect(200);
    const row = await tracked(variantId);
    const due = new Date(row.publishedAt.getTime() + HOUR + 1000);

    expect(await jobs.collectDue(due)).toMatchObject({ claimed: 1, collected: 0, deferred: 1 });
    const limited = await tracked(variantId);
    // The first retry's backoff is under 30 s, so the network's Retry-After decides the wait.
    expect(limited.nextCollectAt).toEqual(new Date(due.getTime() + RETRY_AFTER_S * 1000));
    expect(limited).toMatchObject({
      collectStep: 0,
      collectAttempts: 1,
      collectClaim: null,
      metricsTakenAt: null,
      unavailableReason: null,
    });
    expect(await snapshots(row.id)).toBe(0);
    const account = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
    expect(account.settings).toMatchObject({ metricsFailStatus: 429, metricsFailCount: 0 });

    // Before the Retry-After has passed the post is not due.
    expect((await jobs.collectDue(new Date(limited.nextCollectAt!.getTime() - 1000))).claimed).toBe(0);

    const retried = limited.nextCollectAt!;
    expect(await jobs.collectDue(retried)).toMatchObject({ claimed: 1, collected: 1, deferred: 0 });
    const read = await tracked(variantId);
    expect(read).toMatchObject({ collectStep: 1, collectAttempts: 0, metricsTakenAt: retried, collectClaim: null });
    expect(read.nextCollectAt!.getTime() - read.publishedAt.getTime()).toBe(6 * HOUR);
    expect(read.impressions).toEqual(expect.any(Number));
    expect(await snapshots(row.id)).toBe(1);

    // Running again at the same moment reads nothing more.
    expect((await jobs.collectDue(retried)).claimed).toBe(0);
    expect(await snapshots(row.id)).toBe(1);
  });
});
