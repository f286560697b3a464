import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { addMember, apiAs, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

const ZONE = 'Europe/Paris';
const GOOD_HOURS = [9, 10, 11, 18, 19, 20];

interface Job {
  status: string;
  progress: number;
  type: string;
  error: string | null;
  result: { accounts: number; posts: number; skipped: number; snapshots: number; competitors: number };
}

/**
 * "Load 90 days of demo history" end to end: the job fills an empty workspace with past Sandbox
 * posts (real published posts), their metrics over time, the account's days and two competitors;
 * the dashboards then read plausible figures; a second load adds nothing.
 */
describe.each(DATABASE_KINDS)('demo history on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let api: ReturnType<typeof apiAs>;
  let first: Job;
  let thresholdAutomation: string;

  const load = async (as = api): Promise<Job> => {
    const started = await as.post('/analytics/demo-history').expect(202);
    for (;;) {
      const job = (await as.get(`/jobs/${started.body.job_id}`).expect(200)).body as Job;
      if (job.status === 'completed' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** The last `days` local days, as the read API's range. */
  const lastDays = (days: number) => {
    const today = DateTime.now().setZone(ZONE);
    return `from=${today.minus({ days: days - 1 }).toISODate()}&to=${today.toISODate()}`;
  };
  const last30 = () => lastDays(30);

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.app.get(BackgroundJobs).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Demo Café', ZONE);
    api = apiAs(t, owner, workspaceId);
    const graph = {
      nodes: [
        { id: 'top', type: 'metric-threshold', position: { x: 0, y: 0 }, config: { metric: 'clicks', value: 1 } },
        { id: 'tell', type: 'notify', position: { x: 1, y: 0 }, config: { message: '{{metric}} reached {{value}}' } },
      ],
      edges: [{ from: { node: 'top', port: 'out' }, to: { node: 'tell', port: 'in' } }],
    };
    thresholdAutomation = (await api.post('/automations', { name: 'Clicks', graph }).expect(201)).body.id;
    await api.post(`/automations/${thresholdAutomation}/publish`).expect(200);
    first = await load();
  }, 300_000);
  afterAll(() => t?.close());

  it('loads 90 days of published Sandbox posts with their metrics, on a Sandbox account it adds', async () => {
    expect(first).toMatchObject({ status: 'completed', progress: 100, type: 'analytics.demo-history', error: null });
    expect(first.result).toMatchObject({ accounts: 1, skipped: 0, competitors: 2 });
    // Two to four posts a weekday, one or two at weekends: about 250 over 90 days.
    expect(first.result.posts).toBeGreaterThan(180);
    expect(first.result.posts).toBeLessThan(330);
    expect(first.result.snapshots).toBeGreaterThan(first.result.posts * 5);
    const accounts = (await api.get('/accounts').expect(200)).body.items;
    expect(accounts).toEqual([expect.objectContaining({ network: 'sandbox', name: 'Demo Sandbox' })]);

    const published = (await api.get('/posts?state=published&limit=100').expect(200)).body.items;
    expect(published.length).toBe(Math.min(100, first.result.posts));
    const post = published[0];
    expect(post.variants[0]).toMatchObject({ state: 'published', accountId: accounts[0].id });
    expect(post.variants[0].externalId).toEqual(expect.any(String));
    const types = new Set(published.map((p: { variants: Array<{ postType: string }> }) => p.variants[0].postType));
    expect([...types].sort()).toEqual(expect.arrayContaining(['photo', 'status']));

    // The Sandbox holds each one as it would have published it: pictures by the URL publishing hands over.
    const timeline = (await api.get(`/accounts/${accounts[0].id}/sandbox-timeline`).expect(200)).body.items;
    const pictured = timeline.find(
      (p: { media: unknown[]; publishedAt: string }) =>
        p.media.length && Date.parse(p.publishedAt) < Date.now() - 86_400_000,
    );
    expect(pictured.media[0]).toMatchObject({ kind: expect.stringMatching(/image|video/), url: expect.any(String) });
    expect(pictured.media[0].url).not.toBe('');
    expect(pictured.metrics.impressions).toBeGreaterThan(0);
  });

  it('starts no metric automation: the history is past, not news', async () => {
    expect((await api.get(`/automations/${thresholdAutomation}/runs`).expect(200)).body.items).toEqual([]);
  });

  it('fills the overview with plausible figures', async () => {
    const { body } = await api.get(`/analytics/overview?${last30()}`).expect(200);
    const { totals, series } = body;
    expect(series).toHaveLength(30);
    expect(totals.postsPublished.value).toBeGreaterThan(15);
    expect(totals.impressions.value).toBeGreaterThan(totals.reach.value);
    expect(totals.reach.value).toBeGreaterThan(totals.engagement.value);
    expect(totals.engagement.value).toBeGreaterThan(totals.clicks.value);
    expect(totals.engagementRate.value).toBeGreaterThan(1);
    expect(totals.engagementRate.value).toBeLessThan(30);
    expect(totals.ctr.value).toBeGreaterThan(0);
    expect(totals.ctr.value).toBeLessThan(10);
    expect(totals.followers.value).toBeGreaterThan(500);
    // The previous 30 days are demo history too: there is something to compare with.
    expect(totals.impressions.previous).toBeGreaterThan(0);
    expect(series.filter((d: { followers: number | null }) => d.followers !== null)).toHaveLength(30);
  });

  it('shows the Sandbox audience’s good hours on the best-times heatmap', async () => {
    const account = (await api.get('/accounts').expect(200)).body.items[0].id;
    const { body } = await api.get(`/analytics/best-times?account=${account}`).expect(200);
    expect(body.enoughData).toBe(true);
    expect(body.timeZone).toBe(ZONE);
    const known = body.cells.filter((c: { value: number | null }) => c.value !== null);
    // Most hours the team posts at have enough posts to be rated.
    expect(known.length).toBeGreaterThan(20);
    expect(body.best.length).toBeGreaterThan(0);
    // Posts at the audience's good hours do better on average than the others.
    const mean = (cells: Array<{ value: number }>) => cells.reduce((sum, c) => sum + c.value, 0) / cells.length;
    const good = known.filter((c: { hour: number }) => GOOD_HOURS.includes(c.hour));
    const other = known.filter((c: { hour: number }) => !GOOD_HOURS.includes(c.hour));
    expect(mean(good)).toBeGreaterThan(mean(other));
  });

  it('fills hashtags and competitors', async () => {
    const hashtags = (await api.get(`/analytics/hashtags?${last30()}`).expect(200)).body.items;
    expect(hashtags.map((h: { tag: string }) => h.tag)).toContain('coffee');
    expect(hashtags[0].posts).toBeGreaterThan(0);
    const competitors = (await api.get('/analytics/competitors').expect(200)).body.items;
    expect(competitors.map((c: { handle: string }) => c.handle).sort()).toEqual(['brew_brothers', 'the_daily_grind']);
    const detail = (await api.get(`/analytics/competitors/${competitors[0].id}?${lastDays(91)}`).expect(200)).body;
    const days = detail.series.filter((d: { followers: number | null }) => d.followers !== null);
    expect(days).toHaveLength(91);
    expect(days.at(-1).followers).toBeGreaterThan(days[0].followers);
    const posted = detail.series.reduce((sum: number, d: { postsPublished: number }) => sum + d.postsPublished, 0);
    expect(posted).toBeGreaterThan(20);
  });

  it('adds nothing on a second load', async () => {
    const count = () => t.db.getRepository('Post').countBy({ workspaceId });
    const posts = await count();
    const before = (await api.get(`/analytics/overview?${last30()}`).expect(200)).body.totals;
    const again = await load();
    expect(again.result).toMatchObject({ accounts: 1, posts: 0, skipped: first.result.posts, snapshots: 0 });
    expect((await api.get('/accounts').expect(200)).body.items).toHaveLength(1);
    expect((await api.get(`/analytics/overview?${last30()}`).expect(200)).body.totals).toEqual(before);
    expect(await count()).toBe(posts);
  });

  it('needs posts:write, and accounts:write where it must add the Sandbox account', async () => {
    const viewer = await newUser(t, 'viewer');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
    await apiAs(t, viewer, workspaceId).post('/analytics/demo-history').expect(403);

    const bare = await newWorkspace(t, owner, 'No accounts yet', ZONE);
    const role = await apiAs(t, owner, bare)
      .post('/roles', { name: 'Writer', permissions: ['workspace:read', 'posts:read', 'posts:write'] })
      .expect(201);
    const writer = await newUser(t, 'writer');
    await addMember(t, owner, bare, writer, role.body.id);
    const refused = await apiAs(t, writer, bare).post('/analytics/demo-history').expect(403);
    expect(refused.body.detail).toContain('accounts:write');
    expect((await apiAs(t, owner, bare).get('/accounts').expect(200)).body.items).toEqual([]);
  });
});
