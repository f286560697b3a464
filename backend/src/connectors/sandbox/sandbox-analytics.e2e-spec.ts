import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialAccount } from '../../accounts/social-account.entity';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { publishRequest } from '../../testing/connector-fixtures';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';
import { AccountCredentials, MetricsUnavailableError, PublicAccountNotFoundError } from '../connector';
import { CONNECTORS, ConnectorMap } from '../connectors.module';
import { SANDBOX_NO_INSIGHTS } from './sandbox-analytics';
import { sandboxFollowers, sandboxMetrics } from './sandbox-metrics';
import { SandboxConnector } from './sandbox.connector';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);

describe.each(DATABASE_KINDS)('Sandbox analytics on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let accountId: string;
  let credentials: AccountCredentials;
  let sandbox: SandboxConnector;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Bakery', 'America/New_York');
    const created = await t.http
      .post('/api/v1/accounts')
      .set(as(owner, workspaceId))
      .send({ network: 'sandbox', name: 'Bakery demo' })
      .expect(201);
    accountId = created.body.id as string;
    const row = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: accountId });
    credentials = { externalAccountId: row.externalAccountId, accessToken: 'unused' };
    sandbox = t.app.get<ConnectorMap>(CONNECTORS).sandbox as SandboxConnector;
  });
  afterAll(() => t?.close());

  const postDirectly = (body: object) =>
    t.http.post(`/api/v1/accounts/${accountId}/sandbox-timeline`).set(as(owner, workspaceId)).send(body);

  it('takes a post made directly in the Sandbox, in the past, and shows it on the timeline', async () => {
    const publishedAt = hoursAgo(30).toISOString();
    const res = await postDirectly({ text: 'Made in the app #bread #bakery', mediaKind: 'video', publishedAt }).expect(
      201,
    );
    expect(res.body).toMatchObject({ postType: 'video', text: 'Made in the app #bread #bakery', publishedAt });
    expect(res.body.metrics.videoViews).toBeGreaterThan(0);
    const timeline = await t.http
      .get(`/api/v1/accounts/${accountId}/sandbox-timeline`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(timeline.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('refuses a direct post in the future, without text or with an unknown media kind, naming the field', async () => {
    const future = await postDirectly({ text: 'later', publishedAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('publishedAt');
    expect(JSON.stringify((await postDirectly({ text: '' })).body)).toContain('text');
    const gif = await postDirectly({ text: 'x', mediaKind: 'gif' });
    expect(gif.status).toBe(400);
    expect(JSON.stringify(gif.body)).toContain('mediaKind');
  });

  it('lists only posts made directly in the Sandbox, newest first, since a moment', async () => {
    await sandbox.publish(credentials, publishRequest({ text: 'Published through us' }, {}));
    await sandbox.postDirectly(credentials.externalAccountId, { text: 'Old one', publishedAt: hoursAgo(24 * 40) });
    const recent = await sandbox.postDirectly(credentials.externalAccountId, {
      text: 'Recent photo',
      mediaKind: 'image',
      publishedAt: hoursAgo(2),
    });
    const posts = await sandbox.listPosts(credentials, hoursAgo(24 * 7));
    expect(posts.map((p) => p.text)).toEqual(['Recent photo', 'Made in the app #bread #bakery']);
    expect(posts[0]).toMatchObject({ externalId: recent.id, postType: 'photo', mediaKind: 'image', url: null });
  });

  it('reads metrics of many posts at once in the workspace zone, leaving out unknown ids', async () => {
    const post = await sandbox.postDirectly(credentials.externalAccountId, {
      text: 'Three tags #a #b #c',
      mediaKind: 'image',
      publishedAt: hoursAgo(5),
    });
    const before = new Date();
    const metrics = await sandbox.fetchMetrics(credentials, [post.id, 'no-such-post']);
    const after = new Date();
    expect([...metrics.keys()]).toEqual([post.id]);
    const expected = (now: Date) =>
      sandboxMetrics({
        postId: post.id,
        publishedAt: post.createdAt,
        now,
        timeZone: 'America/New_York',
        hashtags: 3,
        mediaKind: 'image',
        followers: sandboxFollowers(credentials.externalAccountId, post.createdAt),
      });
    const reach = metrics.get(post.id)?.reach ?? 0;
    expect(reach).toBeGreaterThanOrEqual(expected(before).reach ?? 0);
    expect(reach).toBeLessThanOrEqual(expected(after).reach ?? 0);
    expect(sandbox.metricsBatchSize).toBe(100);
  });

  it('reports followers that match the account’s growth, and its post count', async () => {
    const before = sandboxFollowers(credentials.externalAccountId, new Date());
    const stats = await sandbox.fetchAccountStats(credentials);
    const after = sandboxFollowers(credentials.externalAccountId, new Date());
    expect([before, after]).toContain(stats.followers);
    expect(stats.posts).toBeGreaterThanOrEqual(4);
    expect(stats.following).toBeGreaterThan(0);
  });

  it('makes up the same competitor for the same handle, with recent public posts', async () => {
    const first = await sandbox.lookupPublicAccount(credentials, '@Rival_Bakery');
    const again = await sandbox.lookupPublicAccount(credentials, 'rival_bakery');
    expect(again.externalId).toBe(first.externalId);
    expect(again.followers).toBe(first.followers);
    expect(first).toMatchObject({ handle: 'rival_bakery', name: 'Rival Bakery' });
    expect(first.recentPosts.length).toBeGreaterThan(0);
    const times = first.recentPosts.map((p) => p.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(first.recentPosts[0].metrics.reach).toBeNull();
    expect((await sandbox.lookupPublicAccount(credentials, 'other_shop')).externalId).not.toBe(first.externalId);
    await expect(sandbox.lookupPublicAccount(credentials, 'no spaces')).rejects.toBeInstanceOf(
      PublicAccountNotFoundError,
    );
  });

  it('simulates a token without insights: metrics unavailable with a reason, the timeline still shows them', async () => {
    await t.http
      .patch(`/api/v1/accounts/${accountId}`)
      .set(as(owner, workspaceId))
      .send({ settings: { insights: false } })
      .expect(200);
    const error: unknown = await sandbox.fetchMetrics(credentials, ['x']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MetricsUnavailableError);
    expect((error as MetricsUnavailableError).reason).toBe(SANDBOX_NO_INSIGHTS);
    await expect(sandbox.fetchAccountStats(credentials)).rejects.toBeInstanceOf(MetricsUnavailableError);
    const timeline = await t.http
      .get(`/api/v1/accounts/${accountId}/sandbox-timeline`)
      .set(as(owner, workspaceId))
      .expect(200);
    expect(timeline.body.items[0].metrics.impressions).toEqual(expect.any(Number));
    await t.http
      .patch(`/api/v1/accounts/${accountId}`)
      .set(as(owner, workspaceId))
      .send({ settings: { insights: true } })
      .expect(200);
    await expect(sandbox.fetchAccountStats(credentials)).resolves.toMatchObject({ followers: expect.any(Number) });
  });
});
