import { IsNull, Not } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsIngest } from '../analytics/analytics-ingest.service';
import { AnalyticsPost } from '../analytics/analytics-post.entity';
import { BackgroundJobs } from '../jobs/background-jobs';
import { apiAs, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { AutomationEngine } from './automation-engine';
import { Run } from './run.entity';

const DAY_MS = 86_400_000;
const at = (x: number) => ({ x, y: 0 });
const edge = (from: string, to: string, port = 'out') => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

interface RunView {
  status: string;
  error: string | null;
  steps: Array<{ nodeId: string; error: string | null }>;
}

/**
 * Automations on real analytics: a workspace with the demo history (real published Sandbox posts
 * and their metrics) runs the evergreen recipe, the performance alert and a metric check on a
 * real flow runtime.
 */
describe.each(DATABASE_KINDS)('automations on analytics data, on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let api: ReturnType<typeof apiAs>;
  let accountId: string;

  const finished = async (runId: string): Promise<RunView> => {
    for (let i = 0; i < 300; i++) {
      const run = (await api.get(`/runs/${runId}`).expect(200)).body as RunView;
      if (!['queued', 'running'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${runId} did not finish`);
  };
  const testRun = async (automationId: string, nodeId: string, payload: object) => {
    const started = await api.post(`/automations/${automationId}/test`, { nodeId, payload }).expect(202);
    return finished(started.body.runId);
  };
  const fromRecipe = async (id: string, inputs: object) => {
    const created = await api.post(`/automation-templates/${id}/instantiate`, { inputs }).expect(201);
    await api.post(`/automations/${created.body.id}/publish`).expect(200);
    return created.body.id as string;
  };
  const publish = async (name: string, graph: object) => {
    const { body } = await api.post('/automations', { name, graph }).expect(201);
    await api.post(`/automations/${body.id}/publish`).expect(200);
    return body.id as string;
  };
  const byText = (a: { text: string }, b: { text: string }) => a.text.localeCompare(b.text);
  /** Tracked demo posts with metrics (one out for under an hour has none yet), best first by engagement. */
  const tracked = () =>
    t.db.getRepository(AnalyticsPost).find({
      where: { workspaceId, engagement: Not(IsNull()) },
      order: { engagement: 'DESC', id: 'ASC' },
    });

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    await t.app.get(BackgroundJobs).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Analytics Flows', 'Europe/Paris');
    api = apiAs(t, owner, workspaceId);
    const started = await api.post('/analytics/demo-history').expect(202);
    for (;;) {
      const job = (await api.get(`/jobs/${started.body.job_id}`).expect(200)).body;
      if (job.status === 'completed') break;
      if (job.status === 'failed') throw new Error(job.error);
      await new Promise((r) => setTimeout(r, 100));
    }
    accountId = (await api.get('/accounts').expect(200)).body.items[0].id;
    const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      ['09:00', '18:00'].map((localTime) => ({ weekday, localTime })),
    );
    await t.http
      .put(`/api/v1/accounts/${accountId}/queue-slots`)
      .set({ Authorization: `Bearer ${owner.accessToken}`, 'X-Workspace-Id': workspaceId })
      .send({ slots })
      .expect(200);
  }, 300_000);
  afterAll(() => t?.close());

  it('evergreen recipe queues the top post of the last 30 days again, then the next one', async () => {
    const id = await fromRecipe('evergreen-top-posts', { cron: '0 9 * * MON', days: 30, accountIds: ['*'] });
    const since = Date.now() - 30 * DAY_MS;
    const [best, second] = (await tracked()).filter((p) => p.publishedAt.getTime() >= since);
    const postOf = async (postId: string) => (await api.get(`/posts/${postId}`).expect(200)).body;

    for (let week = 0; week < 2; week++) {
      const run = await testRun(id, 'weekly', { firedAt: new Date().toISOString() });
      expect({ status: run.status, error: run.error }).toEqual({ status: 'succeeded', error: null });
      expect(run.steps.map((s) => s.nodeId)).toEqual(['weekly', 'top', 'again', 'queue']);
    }
    const evergreen = (await api.get('/posts?label=evergreen&limit=10').expect(200)).body.items;
    const originals = [await postOf(best.postId!), await postOf(second.postId!)];
    const shape = (p: { text: string; variants: { mediaIds: string[] }[] }) => ({
      text: p.text,
      mediaIds: p.variants[0].mediaIds,
    });
    expect(evergreen.map(shape).sort(byText)).toEqual(originals.map(shape).sort(byText));
    expect(originals.some((p) => p.variants[0].mediaIds.length > 0)).toBe(true);
    for (const post of evergreen) {
      expect(post.state).toBe('scheduled');
      expect(post.variants.map((v: { accountId: string }) => v.accountId)).toEqual([accountId]);
      expect(Date.parse(post.nextRunAt)).toBeGreaterThan(Date.now());
    }
  });

  it('performance alert tells the team of a post at 3× its account’s median engagement after 24 h, once', async () => {
    const id = await fromRecipe('performance-alert', { times: 3, hours: 24, roles: ['owner', 'admin'] });
    const posts = await tracked();
    const dayOld = posts.filter((p) => Date.now() - p.publishedAt.getTime() > 2 * DAY_MS);
    const [hot, ordinary] = [dayOld[dayOld.length - 1], dayOld[Math.floor(dayOld.length / 2)]];
    const ingest = t.app.get(AnalyticsIngest);
    const snapshot = (post: AnalyticsPost, boost: number) => ({
      analyticsPostId: post.id,
      takenAt: new Date(),
      metrics: {
        impressions: (post.impressions ?? 0) * boost + 1,
        reach: (post.reach ?? 0) * boost + 1,
        clicks: (post.clicks ?? 0) * boost,
        reactions: (post.reactions ?? 0) * boost + 1,
        reactionsByType: null,
        comments: (post.comments ?? 0) * boost,
        shares: (post.shares ?? 0) * boost,
        saves: (post.saves ?? 0) * boost,
        videoViews: post.videoViews,
      },
    });
    // The weakest post of the history suddenly takes off; a middling one just grows a little.
    const medianish = posts[Math.floor(posts.length / 2)].engagement!;
    const boost = Math.ceil((6 * medianish) / Math.max(1, hot.engagement ?? 1));
    await ingest.record([snapshot(hot, boost), snapshot(ordinary, 1)]);
    await ingest.record([snapshot(hot, boost + 1)]);

    const runs = await t.db.getRepository(Run).findBy({ automationId: id });
    expect(runs).toHaveLength(1);
    expect(runs[0].input).toMatchObject({ postId: hot.postId, metric: 'engagement', network: 'sandbox' });
    const input = runs[0].input as { value: number; accountMedian: number; threshold: number };
    expect(input.threshold).toBe(3 * input.accountMedian);
    expect(input.value).toBeGreaterThanOrEqual(input.threshold);
    const run = await finished(runs[0].id);
    expect(run.status).toBe('succeeded');
    const bell = (await api.get('/notifications').expect(200)).body.items.map((n: { body: string }) => n.body);
    expect(bell.filter((body: string) => body.startsWith('A post is taking off on sandbox'))).toHaveLength(1);
  });

  it('checks a post’s metrics: true for a post that performed, false for one without metrics', async () => {
    const id = await publish('Label performers', {
      nodes: [
        { id: 'event', type: 'post-event', position: at(0), config: { events: ['published'] } },
        {
          id: 'check',
          type: 'metric-check',
          position: at(1),
          config: { metric: 'clicks', comparison: 'greaterThanInclusive', value: 1 },
        },
        { id: 'label', type: 'add-labels', position: at(2), config: { labels: ['performing'] } },
      ],
      edges: [edge('event', 'check'), edge('check', 'label', 'true')],
    });
    const performer = (await tracked())[0];
    const draft = (await api.post('/posts', { text: 'Not out yet', variants: [{ accountId }] }).expect(201)).body;

    const yes = await testRun(id, 'event', { event: 'published', postId: performer.postId });
    expect(yes.steps.map((s) => s.nodeId)).toEqual(['event', 'check', 'label']);
    expect((await api.get(`/posts/${performer.postId}`).expect(200)).body.labels).toContain('performing');

    const no = await testRun(id, 'event', { event: 'published', postId: draft.id });
    expect(no.status).toBe('succeeded');
    expect(no.steps.map((s) => s.nodeId)).toEqual(['event', 'check']);
    expect((await api.get(`/posts/${draft.id}`).expect(200)).body.labels).toEqual([]);
  });
});
