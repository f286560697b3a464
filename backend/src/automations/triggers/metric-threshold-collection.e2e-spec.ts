import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialAccount } from '../../accounts/social-account.entity';
import { AnalyticsCollector } from '../../analytics/analytics-collector.service';
import { AnalyticsJobs } from '../../analytics/analytics-jobs';
import { AnalyticsPost } from '../../analytics/analytics-post.entity';
import { SandboxPost } from '../../connectors/sandbox/sandbox-post.entity';
import { PublishingEngine } from '../../publishing/publishing-engine';
import { apiAs, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';
import { Run } from '../run.entity';

const DAY_MS = 86_400_000;

/**
 * `metric-threshold` on real data: a Sandbox post goes out through the publishing engine,
 * analytics tracks it, and the collection job reads its metrics from the Sandbox. Its clicks are
 * 0 at first; once the post has been out two days they cross the threshold and the automation
 * starts — exactly once, however many snapshots follow.
 */
describe.each(DATABASE_KINDS)('metric threshold on collected metrics, on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let api: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Threshold Café', 'Europe/Paris');
    api = apiAs(t, owner, workspaceId);
  });
  afterAll(() => t?.close());

  it('starts its automation once when collected clicks cross the value', async () => {
    const accountId = (await api.post('/accounts', { network: 'sandbox', name: 'Café' }).expect(201)).body.id;
    const graph = {
      nodes: [
        { id: 'clicked', type: 'metric-threshold', position: { x: 0, y: 0 }, config: { metric: 'clicks', value: 1 } },
        { id: 'tell', type: 'notify', position: { x: 1, y: 0 }, config: { message: '{{metric}} reached {{value}}' } },
      ],
      edges: [{ from: { node: 'clicked', port: 'out' }, to: { node: 'tell', port: 'in' } }],
    };
    const automation = (await api.post('/automations', { name: 'First click', graph }).expect(201)).body.id;
    await api.post(`/automations/${automation}/publish`).expect(200);
    const post = await api
      .post('/posts', {
        text: 'Our new terrace is open #coffee #brunch',
        variants: [{ accountId }],
        schedule: { type: 'now' },
      })
      .expect(201);
    const variantId = post.body.variants[0].id as string;

    const engine = t.app.get(PublishingEngine);
    engine.start();
    try {
      // Published, then tracked by analytics (its first read an hour after it went out).
      await expect
        .poll(() => t.db.getRepository(AnalyticsPost).findOneBy({ id: variantId }), { timeout: 15_000 })
        .toMatchObject({ postId: post.body.id, network: 'sandbox', external: false });
    } finally {
      await engine.stop();
    }
    const collector = t.app.get(AnalyticsCollector);
    const runs = () => t.db.getRepository(Run).countBy({ automationId: automation });
    // What the every-minute job analytics.collect-due runs, with the post made due now.
    const collectNow = async () => {
      await collector.makeDue(accountId);
      return t.app.get(AnalyticsJobs).collectDue();
    };

    // Seconds after publishing: the Sandbox's audience has not clicked yet.
    expect(await collectNow()).toMatchObject({ collected: 1 });
    expect(await t.db.getRepository(AnalyticsPost).findOneByOrFail({ id: variantId })).toMatchObject({ clicks: 0 });
    expect(await runs()).toBe(0);

    // Two days on (the Sandbox's copy dated back, as if it went out then), people have clicked.
    const { externalAccountId } = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
    const copies = t.db.getRepository(SandboxPost);
    const copy = await copies.findOneByOrFail({ accountExternalId: externalAccountId });
    await copies.update(copy.id, { createdAt: new Date(Date.now() - 2 * DAY_MS) });
    expect(await collectNow()).toMatchObject({ collected: 1 });
    const clicked = await t.db.getRepository(AnalyticsPost).findOneByOrFail({ id: variantId });
    expect(clicked.clicks).toBeGreaterThanOrEqual(1);
    expect(await runs()).toBe(1);

    // Later reads, with as many clicks or more, start nothing more.
    expect(await collectNow()).toMatchObject({ collected: 1 });
    expect(await collectNow()).toMatchObject({ collected: 1 });
    const later = await t.db.getRepository(AnalyticsPost).findOneByOrFail({ id: variantId });
    expect(later.clicks).toBeGreaterThanOrEqual(clicked.clicks!);
    expect(await runs()).toBe(1);
    const [run] = await t.db.getRepository(Run).findBy({ automationId: automation });
    expect(run.input).toMatchObject({
      postId: post.body.id,
      variantId,
      metric: 'clicks',
      threshold: 1,
      network: 'sandbox',
    });
  });
});
