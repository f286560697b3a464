import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportsService } from '../analytics/reports/reports.service';
import { BackgroundJobs } from '../jobs/background-jobs';
import { NotificationsService } from '../notifications/notifications.service';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface Fixture {
  workspaceId: string;
  owner: TestUser;
  member: TestUser;
  inviteId: string;
  apiKeyId: string;
  roleId: string;
  accountId: string;
  postId: string;
  jobId: string;
  mediaId: string;
  mediaFolderId: string;
  automationId: string;
  hookId: string;
  runId: string;
  approvalId: string;
  notificationId: string;
  templateId: string;
  hashtagGroupId: string;
  competitorId: string;
  reportId: string;
  reportScheduleId: string;
  subscriptionId: string;
}

/** Routes of the running app that take an id in the path (public ones excepted). */
function routesWithIds(t: TestApp): string[] {
  return (
    t.routes
      .filter((r) => r.includes(' /api/v1/') && r.includes(':'))
      // Public (token or signature, not workspace, decides) or global (the template catalogue).
      .filter(
        (r) =>
          r !== 'GET /api/v1/invites/by-token/:token' &&
          !r.includes('/api/v1/accounts/oauth/') &&
          r !== 'POST /api/v1/hooks/:hookId' &&
          r !== 'POST /api/v1/hooks/test/:token' &&
          r !== 'POST /api/v1/automation-templates/:id/instantiate' &&
          !r.includes('/api/v1/approval-links/'),
      )
      .sort()
  );
}

describe.each(DATABASE_KINDS)('tenant isolation on %s', (kind) => {
  let t: TestApp;
  let a: Fixture;
  let b: Fixture;

  async function fixture(label: string): Promise<Fixture> {
    const owner = await newUser(t, `${label}-owner`);
    const member = await newUser(t, `${label}-member`);
    const workspaceId = await newWorkspace(t, owner, `Workspace ${label}`);
    await addMember(t, owner, workspaceId, member, 'editor');
    const headers = as(owner, workspaceId);
    const invite = await t.http
      .post('/api/v1/invites')
      .set(headers)
      .send({ email: `pending-${label}@example.com`, role: 'viewer' });
    const key = await t.http
      .post('/api/v1/api-keys')
      .set(headers)
      .send({ name: 'k', scopes: ['workspace:read'] });
    const role = await t.http
      .post('/api/v1/roles')
      .set(headers)
      .send({ name: 'Custom', permissions: ['posts:read'] });
    const account = await t.http
      .post('/api/v1/accounts')
      .set(headers)
      .send({ network: 'sandbox', name: `Demo ${label}` });
    const post = await t.http
      .post('/api/v1/posts')
      .set(headers)
      .send({
        text: `secret plan ${label}`,
        labels: [`label-${label}`],
        variants: [{ accountId: account.body.id }],
        schedule: { type: 'single', at: new Date(Date.now() + 86_400_000).toISOString() },
      });
    const automation = await t.http
      .post('/api/v1/automations')
      .set(headers)
      .send({
        name: `Flow ${label}`,
        graph: {
          nodes: [
            { id: 'hook', type: 'webhook-in', position: { x: 0, y: 0 }, config: {} },
            { id: 'draft', type: 'create-draft', position: { x: 1, y: 0 }, config: { text: 'x', accountIds: ['*'] } },
          ],
          edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'draft', port: 'in' } }],
        },
      });
    await t.http.post(`/api/v1/automations/${automation.body.id}/publish`).set(headers).expect(200);
    const run = await t.http
      .post(`/api/v1/automations/${automation.body.id}/test`)
      .set(headers)
      .send({ nodeId: 'hook', payload: {} });
    const hook = await t.http.post(`/api/v1/automations/${automation.body.id}/hooks`).set(headers).expect(201);
    const approval = await t.http.post('/api/v1/approvals').set(headers).send({ postId: post.body.id });
    await t.app.get(NotificationsService).notify(workspaceId, {
      roles: ['owner'],
      title: `Note ${label}`,
      body: 'secret',
      link: null,
      email: false,
    });
    const notes = await t.http.get('/api/v1/notifications').set(headers);
    const template = await t.http
      .post('/api/v1/post-templates')
      .set(headers)
      .send({
        name: `Template ${label}`,
        text: `secret template ${label}`,
        variants: [{ accountId: account.body.id }],
      });
    const group = await t.http
      .post('/api/v1/hashtag-groups')
      .set(headers)
      .send({ name: `Group ${label}`, hashtags: [`#secret${label}`] });
    const competitor = await t.http
      .post('/api/v1/analytics/competitors')
      .set(headers)
      .send({ network: 'sandbox', handle: `rival_${label}` });
    const reportSchedule = await t.http
      .post('/api/v1/analytics/reports/schedules')
      .set(headers)
      .send({
        name: `Weekly ${label}`,
        frequency: 'weekly',
        weekday: 1,
        hour: 8,
        memberIds: [],
        emails: [`boss-${label}@example.com`],
      });
    const report = await t.app
      .get(ReportsService)
      .generate(workspaceId, { from: '2026-11-01', to: '2026-11-30' }, { createdBy: owner.id });
    const subscription = await t.http
      .post('/api/v1/subscriptions')
      .set(headers)
      .send({ event: 'account.needs_reconnect', targetUrl: `https://1.1.1.1/zap-${label}` });
    const mediaFolder = await t.http
      .post('/api/v1/media-folders')
      .set(headers)
      .send({ name: `Folder ${label}` });
    const fixture: Fixture = {
      mediaFolderId: mediaFolder.body.id,
      automationId: automation.body.id,
      hookId: hook.body.hookId,
      runId: run.body.runId,
      approvalId: approval.body.id,
      notificationId: notes.body.items[0].id,
      templateId: template.body.id,
      hashtagGroupId: group.body.id,
      competitorId: competitor.body.competitor.id,
      reportId: report.report.id,
      reportScheduleId: reportSchedule.body.id,
      subscriptionId: subscription.body.id,
      workspaceId,
      owner,
      member,
      inviteId: invite.body.id,
      apiKeyId: key.body.id,
      roleId: role.body.id,
      accountId: account.body.id,
      postId: post.body.id,
      jobId: await t.app.get(BackgroundJobs).enqueue('isolation-probe', { workspaceId }),
      mediaId: (
        await t.http
          .post('/api/v1/media')
          .set(headers)
          .attach(
            'file',
            await sharp({ create: { width: 40, height: 40, channels: 3, background: '#888' } })
              .png()
              .toBuffer(),
            'x.png',
          )
      ).body.id,
    };
    await t.http
      .patch(`/api/v1/media/${fixture.mediaId}`)
      .set(headers)
      .send({ tags: [`mediatag-${label}`] });
    return fixture;
  }

  /** Each id-taking route, called by A's Owner against B's resources. */
  type Attack = { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; body?: object };
  const later = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
  const attacks: Record<string, (f: Fixture) => Attack> = {
    'GET /api/v1/workspaces/:id': (f) => ({ method: 'get', path: `/api/v1/workspaces/${f.workspaceId}` }),
    'PATCH /api/v1/workspaces/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/workspaces/${f.workspaceId}`,
      body: { name: 'pwned' },
    }),
    'PATCH /api/v1/members/:userId': (f) => ({
      method: 'patch',
      path: `/api/v1/members/${f.member.id}`,
      body: { role: 'viewer' },
    }),
    'DELETE /api/v1/members/:userId': (f) => ({ method: 'delete', path: `/api/v1/members/${f.member.id}` }),
    'DELETE /api/v1/invites/:id': (f) => ({ method: 'delete', path: `/api/v1/invites/${f.inviteId}` }),
    'DELETE /api/v1/api-keys/:id': (f) => ({ method: 'delete', path: `/api/v1/api-keys/${f.apiKeyId}` }),
    'DELETE /api/v1/roles/:id': (f) => ({ method: 'delete', path: `/api/v1/roles/${f.roleId}` }),
    'PATCH /api/v1/accounts/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/accounts/${f.accountId}`,
      body: { disabled: true },
    }),
    'DELETE /api/v1/accounts/:id': (f) => ({ method: 'delete', path: `/api/v1/accounts/${f.accountId}` }),
    'GET /api/v1/accounts/:id/queue-slots': (f) => ({
      method: 'get',
      path: `/api/v1/accounts/${f.accountId}/queue-slots`,
    }),
    'PUT /api/v1/accounts/:id/queue-slots': (f) => ({
      method: 'put',
      path: `/api/v1/accounts/${f.accountId}/queue-slots`,
      body: { slots: [{ weekday: 1, localTime: '09:00' }] },
    }),
    'GET /api/v1/accounts/:id/sandbox-timeline': (f) => ({
      method: 'get',
      path: `/api/v1/accounts/${f.accountId}/sandbox-timeline`,
    }),
    'POST /api/v1/accounts/:id/sandbox-timeline': (f) => ({
      method: 'post',
      path: `/api/v1/accounts/${f.accountId}/sandbox-timeline`,
      body: { text: 'pwned' },
    }),
    'GET /api/v1/accounts/:id/pinterest-boards': (f) => ({
      method: 'get',
      path: `/api/v1/accounts/${f.accountId}/pinterest-boards`,
    }),
    'GET /api/v1/accounts/:id/option-choices': (f) => ({
      method: 'get',
      path: `/api/v1/accounts/${f.accountId}/option-choices`,
    }),
    'POST /api/v1/accounts/:id/pinterest-boards/refresh': (f) => ({
      method: 'post',
      path: `/api/v1/accounts/${f.accountId}/pinterest-boards/refresh`,
    }),
    'POST /api/v1/accounts/:id/metrics-sync': (f) => ({
      method: 'post',
      path: `/api/v1/accounts/${f.accountId}/metrics-sync`,
    }),
    'GET /api/v1/posts/:id': (f) => ({ method: 'get', path: `/api/v1/posts/${f.postId}` }),
    'PATCH /api/v1/posts/:id': (f) => ({ method: 'patch', path: `/api/v1/posts/${f.postId}`, body: { text: 'pwned' } }),
    'DELETE /api/v1/posts/:id': (f) => ({ method: 'delete', path: `/api/v1/posts/${f.postId}` }),
    'POST /api/v1/posts/:id/duplicate': (f) => ({ method: 'post', path: `/api/v1/posts/${f.postId}/duplicate` }),
    'POST /api/v1/posts/:id/reschedule': (f) => ({
      method: 'post',
      path: `/api/v1/posts/${f.postId}/reschedule`,
      body: { schedule: { type: 'single', at: later() } },
    }),
    'POST /api/v1/posts/:id/move': (f) => ({
      method: 'post',
      path: `/api/v1/posts/${f.postId}/move`,
      body: { to: 'draft' },
    }),
    'GET /api/v1/media/:id': (f) => ({ method: 'get', path: `/api/v1/media/${f.mediaId}` }),
    'PATCH /api/v1/media/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/media/${f.mediaId}`,
      body: { fileName: 'pwned' },
    }),
    'DELETE /api/v1/media/:id': (f) => ({ method: 'delete', path: `/api/v1/media/${f.mediaId}?confirm=true` }),
    'POST /api/v1/media/:id/edit': (f) => ({
      method: 'post',
      path: `/api/v1/media/${f.mediaId}/edit`,
      body: { operations: [{ op: 'rotate', degrees: 90 }] },
    }),
    'POST /api/v1/media/:id/copy': (f) => ({
      method: 'post',
      path: `/api/v1/media/${f.mediaId}/copy`,
      body: { workspaceId: f.workspaceId },
    }),
    'PATCH /api/v1/media-folders/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/media-folders/${f.mediaFolderId}`,
      body: { name: 'pwned' },
    }),
    'DELETE /api/v1/media-folders/:id': (f) => ({ method: 'delete', path: `/api/v1/media-folders/${f.mediaFolderId}` }),
    'GET /api/v1/media/:id/fixes': (f) => ({
      method: 'get',
      path: `/api/v1/media/${f.mediaId}/fixes?network=instagram`,
    }),
    'POST /api/v1/media/:id/auto-fix': (f) => ({
      method: 'post',
      path: `/api/v1/media/${f.mediaId}/auto-fix`,
      body: { network: 'instagram' },
    }),
    'GET /api/v1/jobs/:id': (f) => ({ method: 'get', path: `/api/v1/jobs/${f.jobId}` }),
    'GET /api/v1/posts/:id/attempts': (f) => ({ method: 'get', path: `/api/v1/posts/${f.postId}/attempts` }),
    'GET /api/v1/automations/:id': (f) => ({ method: 'get', path: `/api/v1/automations/${f.automationId}` }),
    'PATCH /api/v1/automations/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/automations/${f.automationId}`,
      body: { name: 'pwned' },
    }),
    'DELETE /api/v1/automations/:id': (f) => ({ method: 'delete', path: `/api/v1/automations/${f.automationId}` }),
    'POST /api/v1/automations/:id/publish': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/publish`,
    }),
    'GET /api/v1/automations/:id/versions': (f) => ({
      method: 'get',
      path: `/api/v1/automations/${f.automationId}/versions`,
    }),
    'POST /api/v1/automations/:id/versions/:version/restore': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/versions/1/restore`,
    }),
    'GET /api/v1/automations/:id/versions/:version/diff': (f) => ({
      method: 'get',
      path: `/api/v1/automations/${f.automationId}/versions/1/diff`,
    }),
    'GET /api/v1/automations/:id/export': (f) => ({
      method: 'get',
      path: `/api/v1/automations/${f.automationId}/export`,
    }),
    'POST /api/v1/automations/:id/duplicate': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/duplicate`,
    }),
    'POST /api/v1/automations/:id/enable': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/enable`,
    }),
    'POST /api/v1/automations/:id/disable': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/disable`,
    }),
    'GET /api/v1/automations/:id/runs': (f) => ({ method: 'get', path: `/api/v1/automations/${f.automationId}/runs` }),
    'POST /api/v1/automations/:id/test': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/test`,
      body: { nodeId: 'hook', payload: {} },
    }),
    'POST /api/v1/automations/:id/test-runs': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/test-runs`,
      body: { nodeId: 'hook', payload: {} },
    }),
    'GET /api/v1/automations/:id/samples': (f) => ({
      method: 'get',
      path: `/api/v1/automations/${f.automationId}/samples`,
    }),
    'POST /api/v1/automations/:id/nodes/:nodeId/sample': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/nodes/hook/sample`,
      body: { source: 'pasted', json: { title: 'not yours' } },
    }),
    'GET /api/v1/automations/:id/nodes/:nodeId/sample': (f) => ({
      method: 'get',
      path: `/api/v1/automations/${f.automationId}/nodes/hook/sample`,
    }),
    'DELETE /api/v1/automations/:id/nodes/:nodeId/sample': (f) => ({
      method: 'delete',
      path: `/api/v1/automations/${f.automationId}/nodes/hook/sample`,
    }),
    'POST /api/v1/automations/:id/hooks': (f) => ({
      method: 'post',
      path: `/api/v1/automations/${f.automationId}/hooks`,
    }),
    'GET /api/v1/automations/:id/hooks': (f) => ({
      method: 'get',
      path: `/api/v1/automations/${f.automationId}/hooks`,
    }),
    'DELETE /api/v1/automations/:id/hooks/:hookId': (f) => ({
      method: 'delete',
      path: `/api/v1/automations/${f.automationId}/hooks/${f.hookId}`,
    }),
    'GET /api/v1/runs/:runId': (f) => ({ method: 'get', path: `/api/v1/runs/${f.runId}` }),
    'POST /api/v1/runs/:runId/rerun': (f) => ({ method: 'post', path: `/api/v1/runs/${f.runId}/rerun` }),
    'POST /api/v1/runs/:runId/retry': (f) => ({ method: 'post', path: `/api/v1/runs/${f.runId}/retry` }),
    'POST /api/v1/approvals/:id/approve': (f) => ({
      method: 'post',
      path: `/api/v1/approvals/${f.approvalId}/approve`,
    }),
    'POST /api/v1/approvals/:id/decline': (f) => ({
      method: 'post',
      path: `/api/v1/approvals/${f.approvalId}/decline`,
      body: { reason: 'pwned' },
    }),
    'POST /api/v1/approvals/:id/link': (f) => ({ method: 'post', path: `/api/v1/approvals/${f.approvalId}/link` }),
    'POST /api/v1/approvals/:id/check': (f) => ({
      method: 'post',
      path: `/api/v1/approvals/${f.approvalId}/check`,
      body: { variants: [{ variantId: f.approvalId, text: 'pwned' }] },
    }),
    'GET /api/v1/posts/:id/comments': (f) => ({ method: 'get', path: `/api/v1/posts/${f.postId}/comments` }),
    'POST /api/v1/posts/:id/comments': (f) => ({
      method: 'post',
      path: `/api/v1/posts/${f.postId}/comments`,
      body: { text: 'pwned' },
    }),
    'GET /api/v1/post-templates/:id': (f) => ({ method: 'get', path: `/api/v1/post-templates/${f.templateId}` }),
    'PATCH /api/v1/post-templates/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/post-templates/${f.templateId}`,
      body: { text: 'pwned' },
    }),
    'DELETE /api/v1/post-templates/:id': (f) => ({
      method: 'delete',
      path: `/api/v1/post-templates/${f.templateId}`,
    }),
    'PATCH /api/v1/hashtag-groups/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/hashtag-groups/${f.hashtagGroupId}`,
      body: { hashtags: ['#pwned'] },
    }),
    'DELETE /api/v1/hashtag-groups/:id': (f) => ({
      method: 'delete',
      path: `/api/v1/hashtag-groups/${f.hashtagGroupId}`,
    }),
    'POST /api/v1/notifications/:id/read': (f) => ({
      method: 'post',
      path: `/api/v1/notifications/${f.notificationId}/read`,
    }),
    'GET /api/v1/analytics/posts/:id': (f) => ({ method: 'get', path: `/api/v1/analytics/posts/${f.postId}` }),
    'GET /api/v1/analytics/posts/by-post/:postId': (f) => ({
      method: 'get',
      path: `/api/v1/analytics/posts/by-post/${f.postId}`,
    }),
    'GET /api/v1/analytics/accounts/:id': (f) => ({ method: 'get', path: `/api/v1/analytics/accounts/${f.accountId}` }),
    'GET /api/v1/analytics/competitors/:id': (f) => ({
      method: 'get',
      path: `/api/v1/analytics/competitors/${f.competitorId}`,
    }),
    'GET /api/v1/analytics/reports/:id/pdf': (f) => ({
      method: 'get',
      path: `/api/v1/analytics/reports/${f.reportId}/pdf`,
    }),
    'PATCH /api/v1/analytics/reports/schedules/:id': (f) => ({
      method: 'patch',
      path: `/api/v1/analytics/reports/schedules/${f.reportScheduleId}`,
      body: { emails: ['pwned@example.com'] },
    }),
    'DELETE /api/v1/analytics/reports/schedules/:id': (f) => ({
      method: 'delete',
      path: `/api/v1/analytics/reports/schedules/${f.reportScheduleId}`,
    }),
    'DELETE /api/v1/analytics/competitors/:id': (f) => ({
      method: 'delete',
      path: `/api/v1/analytics/competitors/${f.competitorId}`,
    }),
    'DELETE /api/v1/subscriptions/:id': (f) => ({
      method: 'delete',
      path: `/api/v1/subscriptions/${f.subscriptionId}`,
    }),
    'GET /api/v1/subscriptions/:id/deliveries': (f) => ({
      method: 'get',
      path: `/api/v1/subscriptions/${f.subscriptionId}/deliveries`,
    }),
    'POST /api/v1/subscriptions/:id/enable': (f) => ({
      method: 'post',
      path: `/api/v1/subscriptions/${f.subscriptionId}/enable`,
    }),
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    a = await fixture('a');
    b = await fixture('b');
  });
  afterAll(() => t?.close());

  it('covers every route that takes an id', () => {
    expect(Object.keys(attacks).sort()).toEqual(routesWithIds(t));
  });

  it.each(['own workspace header', 'victim workspace header'])(
    'answers 404 to a member of A asking for B’s resources (%s)',
    async (mode) => {
      for (const [route, attack] of Object.entries(attacks)) {
        const { method, path, body } = attack(b);
        const headers = as(a.owner, mode === 'own workspace header' ? a.workspaceId : b.workspaceId);
        const res = await t.http[method](path).set(headers).send(body);
        expect(res.status, route).toBe(404);
      }
    },
  );

  it('refuses workspace-wide tools to a member of another workspace (link preview, network rules)', async () => {
    for (const path of ['/api/v1/link-preview?url=https%3A%2F%2Fexample.com%2F', '/api/v1/networks']) {
      const res = await t.http.get(path).set(as(a.owner, b.workspaceId));
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses to load demo history into another workspace (POST /api/v1/analytics/demo-history)', async () => {
    const res = await t.http.post('/api/v1/analytics/demo-history').set(as(a.owner, b.workspaceId));
    expect(res.status).toBe(404);
  });

  it('left B untouched', async () => {
    const workspace = await t.db.getRepository('Workspace').findOneByOrFail({ id: b.workspaceId });
    expect(workspace.name).toBe('Workspace b');
    const membership = await t.db
      .getRepository('Membership')
      .findOneByOrFail({ workspaceId: b.workspaceId, userId: b.member.id });
    expect(membership.role).toBe('editor');
    expect(await t.db.getRepository('Invite').findOneByOrFail({ id: b.inviteId })).toMatchObject({ revokedAt: null });
    expect(await t.db.getRepository('ApiKey').findOneByOrFail({ id: b.apiKeyId })).toMatchObject({ revokedAt: null });
    expect(await t.db.getRepository('CustomRole').existsBy({ id: b.roleId })).toBe(true);
    expect(await t.db.getRepository('SocialAccount').findOneByOrFail({ id: b.accountId })).toMatchObject({
      status: 'active',
      deletedAt: null,
    });
    expect(await t.db.getRepository('QueueSlot').countBy({ accountId: b.accountId })).toBe(0);
    expect(await t.db.getRepository('Post').findOneByOrFail({ id: b.postId })).toMatchObject({
      text: 'secret plan b',
      state: 'scheduled',
    });
    expect(await t.db.getRepository('Post').countBy({ workspaceId: b.workspaceId })).toBe(1);
    expect(await t.db.getRepository('AutomationHook').existsBy({ id: b.hookId })).toBe(true);
    expect(await t.db.getRepository('MediaItem').findOneByOrFail({ id: b.mediaId })).toMatchObject({
      fileName: 'x.png',
    });
    expect(await t.db.getRepository('MediaItem').countBy({ workspaceId: b.workspaceId })).toBe(1);
    expect(await t.db.getRepository('MediaFolder').findOneByOrFail({ id: b.mediaFolderId })).toMatchObject({
      name: 'Folder b',
    });
    expect(
      await t.db.getRepository('AnalyticsReportSchedule').findOneByOrFail({ id: b.reportScheduleId }),
    ).toMatchObject({ emails: ['boss-b@example.com'], cancelledAt: null });
    expect(await t.db.getRepository('PostTemplate').findOneByOrFail({ id: b.templateId })).toMatchObject({
      text: 'secret template b',
    });
    expect(await t.db.getRepository('HashtagGroup').findOneByOrFail({ id: b.hashtagGroupId })).toMatchObject({
      hashtags: ['#secretb'],
    });
    expect(await t.db.getRepository('Competitor').existsBy({ id: b.competitorId })).toBe(true);
    expect(await t.db.getRepository('Subscription').findOneByOrFail({ id: b.subscriptionId })).toMatchObject({
      status: 'active',
      targetUrl: 'https://1.1.1.1/zap-b',
    });
  });

  it('lists only the caller’s workspace data', async () => {
    const headers = as(a.owner, a.workspaceId);
    const lists = await Promise.all(
      [
        '/api/v1/members',
        '/api/v1/invites',
        '/api/v1/api-keys',
        '/api/v1/roles',
        '/api/v1/activity',
        '/api/v1/outbox',
        '/api/v1/accounts',
        '/api/v1/posts',
        '/api/v1/board',
        '/api/v1/labels',
        '/api/v1/notifications',
        '/api/v1/me/notification-preferences',
        '/api/v1/nav-badges',
        '/api/v1/home',
        '/api/v1/post-templates',
        '/api/v1/hashtag-groups',
        '/api/v1/media',
        '/api/v1/media-folders',
        '/api/v1/media-tags',
        '/api/v1/hashtags/suggestions?q=secret',
        '/api/v1/analytics/overview',
        '/api/v1/analytics/posts',
        '/api/v1/analytics/hashtags',
        '/api/v1/analytics/best-times',
        '/api/v1/analytics/members',
        '/api/v1/analytics/competitors',
        '/api/v1/analytics/reports',
        '/api/v1/analytics/reports/schedules',
        '/api/v1/subscriptions',
        `/api/v1/calendar?from=${new Date().toISOString()}&to=${new Date(Date.now() + 30 * 86_400_000).toISOString()}`,
        `/api/v1/calendar/days?from=${new Date().toISOString()}&to=${new Date(Date.now() + 30 * 86_400_000).toISOString()}`,
        ...[0, 1, 2].map(
          (d) => `/api/v1/calendar/day?date=${new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)}`,
        ),
      ].map((p) => t.http.get(p).set(headers)),
    );
    const text = JSON.stringify(lists.map((r) => r.body));
    expect(lists.every((r) => r.status === 200)).toBe(true);
    for (const id of [
      b.workspaceId,
      b.owner.id,
      b.member.id,
      b.inviteId,
      b.apiKeyId,
      b.roleId,
      b.accountId,
      b.postId,
      b.mediaId,
      b.mediaFolderId,
      b.notificationId,
      b.templateId,
      b.hashtagGroupId,
      b.competitorId,
      b.reportId,
      b.reportScheduleId,
      b.subscriptionId,
    ])
      expect(text).not.toContain(id);
    expect(text).not.toContain(b.owner.email);
    expect(text).not.toContain('label-b');
    expect(text).not.toContain('secret template b');
    expect(text).not.toContain('#secretb');
    expect(text).not.toContain('mediatag-b');
    expect(text).not.toContain('zap-b');
  });
});
