import { EventEmitter2 } from '@nestjs/event-emitter';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_STATS, POST_METRICS, type AccountStatsEvent, type PostMetricsEvent } from '../common/domain-events';
import { SANDBOX_NO_INSIGHTS } from '../connectors/sandbox/sandbox-analytics';
import type { Agenda } from 'agenda';
import { AgendaJob } from '../jobs/agenda-job.entity';
import { AGENDA } from '../jobs/background-jobs';
import { Publisher } from '../publishing/publisher';
import { SchedulerTick } from '../publishing/scheduler-tick';
import { as, newUser, newWorkspace, type TestUser } from '../testing/factories';
import { startTestApp, type TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { AnalyticsAccountSync } from './analytics-account-sync.service';
import { AnalyticsAccount } from './analytics-account.entity';
import { AnalyticsAccountDay } from './analytics-account-day.entity';
import { AnalyticsJobs, ZONE_REBUILD_JOB, SYNC_ACCOUNT_JOB, type SyncAccountJobData } from './analytics-jobs';
import { AnalyticsPostHashtag } from './analytics-post-hashtag.entity';
import { AnalyticsPost } from './analytics-post.entity';
import { PostMetricSnapshot } from './post-metric-snapshot.entity';

const HOUR = 3_600_000;
const ZONE = 'Europe/Paris';

describe.each(DATABASE_KINDS)('analytics collection on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let accountId: string;
  let jobs: AnalyticsJobs;
  const metricsEvents: PostMetricsEvent[] = [];
  const statsEvents: AccountStatsEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Metrics Inc', ZONE);
    jobs = t.app.get(AnalyticsJobs);
    const events = t.app.get(EventEmitter2);
    events.on(POST_METRICS, (e: PostMetricsEvent) => void metricsEvents.push(e));
    events.on(ACCOUNT_STATS, (e: AccountStatsEvent) => void statsEvents.push(e));
    accountId = (
      await t.http
        .post('/api/v1/accounts')
        .set(as(owner, workspaceId))
        .send({ network: 'sandbox', name: 'Cafe' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t?.close());

  const setInsights = (insights: boolean) =>
    t.http
      .patch(`/api/v1/accounts/${accountId}`)
      .set(as(owner, workspaceId))
      .send({ settings: { insights } })
      .expect(200);
  const tracked = (id: string) => t.db.getRepository(AnalyticsPost).findOneByOrFail({ id });

  /** Schedules a post a moment from now and publishes it as the engine's tick and worker would. */
  async function publish(text: string): Promise<{ postId: string; variantId: string }> {
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
    return { postId: post.id, variantId: post.variants[0].id };
  }

  let published: { postId: string; variantId: string };

  it('tracks a published post: variant id, author, hashtags, local slot and the first read an hour later', async () => {
    published = await publish('Autumn menu is here #Coffee #autumn');
    const row = await tracked(published.variantId);
    const local = DateTime.fromJSDate(row.publishedAt, { zone: ZONE });
    expect(row).toMatchObject({
      postId: published.postId,
      variantId: published.variantId,
      accountId,
      network: 'sandbox',
      external: false,
      authorId: owner.id,
      text: 'Autumn menu is here #Coffee #autumn',
      publishedDay: local.toISODate(),
      publishedWeekday: local.weekday,
      publishedHour: local.hour,
      collectStep: 0,
      metricsTakenAt: null,
    });
    expect(row.nextCollectAt!.getTime() - row.publishedAt.getTime()).toBe(HOUR);
    const tags = await t.db.getRepository(AnalyticsPostHashtag).findBy({ analyticsPostId: row.id });
    expect(tags.map((tag) => tag.tag).sort()).toEqual(['autumn', 'coffee']);
    expect(await t.db.getRepository(AnalyticsAccountDay).findOneBy({ accountId, day: row.publishedDay })).toMatchObject(
      {
        postsPublished: 1,
      },
    );
  });

  it('the collect job reads it when due, records the snapshot, announces post.metrics and moves to +6 h', async () => {
    const row = await tracked(published.variantId);
    expect((await jobs.collectDue(new Date(row.publishedAt.getTime() + 30 * 60_000))).claimed).toBe(0);
    const at = new Date(row.publishedAt.getTime() + HOUR + 1000);
    expect(await jobs.collectDue(at)).toMatchObject({ claimed: 1, collected: 1 });
    const after = await tracked(published.variantId);
    expect(after).toMatchObject({ collectStep: 1, metricsTakenAt: at, collectClaim: null });
    expect(after.nextCollectAt!.getTime() - row.publishedAt.getTime()).toBe(6 * HOUR);
    expect(after.impressions).toEqual(expect.any(Number));
    expect(await t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: row.id })).toBe(1);
    const announced = metricsEvents.filter((e) => e.variantId === published.variantId);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ workspaceId, postId: published.postId, accountId });
    expect(announced[0].metrics).toMatchObject({ impressions: after.impressions, likes: after.reactions });
  });

  it('two workers collecting at once read each due post once', async () => {
    const row = await tracked(published.variantId);
    const at = new Date(row.publishedAt.getTime() + 6 * HOUR + 1000);
    const [a, b] = await Promise.all([jobs.collectDue(at), jobs.collectDue(at)]);
    expect(a.collected + b.collected).toBe(1);
    expect(await t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: row.id })).toBe(2);
    expect((await tracked(row.id)).collectStep).toBe(2);
  });

  it('a token without insights marks the account and waits; a later read clears the reason', async () => {
    const row = await tracked(published.variantId);
    const at = new Date(row.publishedAt.getTime() + 24 * HOUR + 1000);
    await setInsights(false);
    expect(await jobs.collectDue(at)).toMatchObject({ claimed: 1, collected: 0, deferred: 1 });
    expect(await t.db.getRepository(AnalyticsAccount).findOneBy({ accountId })).toMatchObject({
      unavailableReason: SANDBOX_NO_INSIGHTS,
    });
    const waiting = await tracked(row.id);
    expect(waiting).toMatchObject({ collectStep: 2, collectClaim: null });
    expect(waiting.nextCollectAt!.getTime()).toBe(at.getTime() + 24 * HOUR);
    await setInsights(true);
    const later = new Date(at.getTime() + 24 * HOUR);
    expect(await jobs.collectDue(later)).toMatchObject({ collected: 1 });
    expect(await t.db.getRepository(AnalyticsAccount).findOneBy({ accountId })).toMatchObject({
      unavailableReason: null,
    });
  });

  it('reads the account figures once a local day, announces account.stats and imports posts made outside', async () => {
    const direct = await t.http
      .post(`/api/v1/accounts/${accountId}/sandbox-timeline`)
      .set(as(owner, workspaceId))
      .send({ text: 'Made in the app #Direct' })
      .expect(201);
    const sync = t.app.get(AnalyticsAccountSync);
    const now = new Date();
    expect(await sync.syncDue(now)).toBe(1);
    expect(await sync.syncDue(now)).toBe(0);
    const today = DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
    const day = await t.db.getRepository(AnalyticsAccountDay).findOneByOrFail({ accountId, day: today });
    expect(day.followers).toEqual(expect.any(Number));
    expect(statsEvents).toEqual([expect.objectContaining({ workspaceId, accountId, day: today })]);
    const external = await t.db.getRepository(AnalyticsPost).findOneByOrFail({ accountId, externalId: direct.body.id });
    expect(external).toMatchObject({ external: true, variantId: null, postId: null, authorId: null, collectStep: 0 });
    expect(external.nextCollectAt).not.toBeNull();
    // Our own published post is listed by no import twice.
    expect(await t.db.getRepository(AnalyticsPost).countBy({ accountId })).toBe(2);
  });

  it('the sync job reads every post still in its cadence at once, keeps their steps, and saves its result', async () => {
    const row = await tracked(published.variantId);
    expect(row.collectStep).toBe(3);
    const before = await t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: row.id });
    const job = t.app.get<Agenda>(AGENDA).create<SyncAccountJobData>(SYNC_ACCOUNT_JOB, { workspaceId, accountId });
    await jobs.syncAccount(job, new Date(row.publishedAt.getTime() + 50 * HOUR));
    expect(job.attrs.data.result).toMatchObject({ claimed: 2, collected: 2, statsRead: true });
    expect(await t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: row.id })).toBe(before + 1);
    expect(await tracked(row.id)).toMatchObject({ collectStep: 3, nextCollectAt: row.nextCollectAt });
  });

  it('Sync now answers 202 with a job the jobs API reports, then 429 with Retry-After within 15 minutes', async () => {
    const first = await t.http
      .post(`/api/v1/accounts/${accountId}/metrics-sync`)
      .set(as(owner, workspaceId))
      .expect(202);
    const job = await t.http.get(`/api/v1/jobs/${first.body.job_id}`).set(as(owner, workspaceId)).expect(200);
    expect(job.body).toMatchObject({ type: 'analytics.sync-account', status: 'queued' });
    const again = await t.http
      .post(`/api/v1/accounts/${accountId}/metrics-sync`)
      .set(as(owner, workspaceId))
      .expect(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(14 * 60);
    await t.http.post('/api/v1/accounts/nope/metrics-sync').set(as(owner, workspaceId)).expect(404);
  });

  it('a new workspace time zone queues the rollup rebuild', async () => {
    await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner, workspaceId))
      .send({ timeZone: 'Asia/Tokyo' })
      .expect(200);
    const queued = await t.db.getRepository(AgendaJob).findBy({ name: ZONE_REBUILD_JOB });
    expect(queued.map((job) => job.data)).toEqual([{ workspaceId }]);
  });

  it('prunes raw snapshots past the retention period and keeps the rollups', async () => {
    const old = new Date(Date.now() - 401 * 24 * HOUR);
    await t.db
      .getRepository(PostMetricSnapshot)
      .insert({ id: 'old-one', analyticsPostId: published.variantId, workspaceId, takenAt: old });
    const days = await t.db.getRepository(AnalyticsAccountDay).countBy({ accountId });
    const kept = await t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: published.variantId });
    expect(await jobs.pruneSnapshots()).toBe(1);
    expect(await t.db.getRepository(PostMetricSnapshot).countBy({ analyticsPostId: published.variantId })).toBe(
      kept - 1,
    );
    expect(await t.db.getRepository(AnalyticsAccountDay).countBy({ accountId })).toBe(days);
  });
});
