import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { LimitWatch } from './limit-watch';
import { Notification } from './notification.entity';
import { NotificationsService } from './notifications.service';

const API_LIMIT = 20;

/**
 * `limit_near`: a workspace crossing 80 % of a limit tells its owners and admins, once per limit
 * per period, with a link to where the limit is shown. Reported by the API's request budget of
 * each API key and by the automation runs in flight (run-limits spec); billing's plans report the same way.
 */
describe.each(DATABASE_KINDS)('limits near on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let editor: TestUser;
  let workspaceId: string;
  let watch: LimitWatch;

  beforeAll(async () => {
    t = await startTestApp(kind, { API_RATE_LIMIT: String(API_LIMIT), API_RATE_WINDOW_SECONDS: '3600' });
    [owner, admin, editor] = await Promise.all(['owner', 'admin', 'editor'].map((label) => newUser(t, label)));
    workspaceId = await newWorkspace(t, owner, 'Busy Co');
    await addMember(t, owner, workspaceId, admin, 'admin');
    await addMember(t, owner, workspaceId, editor, 'editor');
    watch = t.app.get(LimitWatch);
  });
  afterAll(() => t?.close());

  /** Read from the database: polling the bell over HTTP would spend the budget under test. */
  const limitNotices = (user: TestUser) =>
    t.db.getRepository(Notification).findBy({ workspaceId, userId: user.id, kind: 'limit_near' });

  it('tells owners and admins once when a limit crosses 80 %, not at 79 %, and again in the next period', async () => {
    expect(await watch.report(workspaceId, 'automation.concurrent_runs', 79, 100, '2026-12-01')).toBe(0);
    expect(await limitNotices(owner)).toEqual([]);

    expect(await watch.report(workspaceId, 'automation.concurrent_runs', 80, 100, '2026-12-01')).toBe(2);
    const [notice, ...more] = await limitNotices(owner);
    expect(more).toEqual([]);
    expect(notice).toMatchObject({
      title: 'Automations are near their limit of runs at once',
      link: `/w/${workspaceId}/automations`,
      count: 1,
    });
    expect(notice.body).toContain('80 of the 100 runs');
    expect(await limitNotices(admin)).toHaveLength(1);
    expect(await limitNotices(editor)).toEqual([]);

    // Further use in the same period tells no one again, in this process or another (receipts).
    expect(await watch.report(workspaceId, 'automation.concurrent_runs', 95, 100, '2026-12-01')).toBe(0);
    expect(
      await new LimitWatch(t.app.get(NotificationsService)).report(
        workspaceId,
        'automation.concurrent_runs',
        99,
        100,
        '2026-12-01',
      ),
    ).toBe(0);
    expect((await limitNotices(owner))[0].count).toBe(1);

    expect(await watch.report(workspaceId, 'automation.concurrent_runs', 81, 100, '2026-12-02')).toBe(2);
    const notices = await limitNotices(owner);
    expect(notices.reduce((n, x) => n + x.count, 0)).toBe(2);
  });

  it('lists the limits in force for the pages the notices link to; another workspace is refused', async () => {
    const res = await t.http.get('/api/v1/limits').set(as(editor, workspaceId)).expect(200);
    expect(res.body.items).toEqual([
      {
        key: 'automation.concurrent_runs',
        label: 'Automation runs at once',
        limit: 50,
        windowSeconds: null,
        page: 'automations',
      },
      {
        key: 'api.requests',
        label: 'API requests per API key',
        limit: API_LIMIT,
        windowSeconds: 3600,
        page: 'api-keys',
      },
    ]);
    const stranger = await newUser(t, 'stranger');
    await t.http.get('/api/v1/limits').set(as(stranger, workspaceId)).expect(404);
  });

  it('tells the workspace when one of its API keys nears its request budget, naming the key and linking to API keys', async () => {
    const created = await t.http
      .post('/api/v1/api-keys')
      .set(as(owner, workspaceId))
      .send({ name: 'Zapier', scopes: ['posts:read'] })
      .expect(201);
    const key = { Authorization: `Bearer ${created.body.key}` };
    // Read, so the key's notice is an entry of its own rather than grown into today's unread one.
    await t.db.getRepository(Notification).update({ workspaceId }, { readAt: new Date() });
    const threshold = Math.ceil(API_LIMIT * 0.8);
    const zapierNotices = async () =>
      (await limitNotices(owner)).filter((n) => n.title === 'API key "Zapier" is near its request limit');

    for (let i = 1; i < threshold; i++) await t.http.get('/api/v1/posts').set(key).expect(200);
    expect(await zapierNotices()).toEqual([]);

    await t.http.get('/api/v1/posts').set(key).expect(200);
    // The request does not wait on the notice: it arrives just after.
    await expect.poll(zapierNotices).toHaveLength(1);
    const [notice] = await zapierNotices();
    expect(notice.link).toBe(`/w/${workspaceId}/api-keys`);
    expect(notice.body).toContain(`${threshold} of the ${API_LIMIT} requests`);

    for (let i = threshold; i < API_LIMIT; i++) await t.http.get('/api/v1/posts').set(key).expect(200);
    await t.http.get('/api/v1/posts').set(key).expect(429);
    expect(await zapierNotices()).toEqual([expect.objectContaining({ count: 1 })]);
  });
});
