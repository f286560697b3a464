import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

describe.each(DATABASE_KINDS)('workspaces & teams over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Acme', 'Europe/Paris');
  });
  afterAll(() => t?.close());

  it('creates a workspace with its creator as Owner and sensible defaults', async () => {
    const res = await t.http.get(`/api/v1/workspaces/${workspaceId}`).set(as(owner));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Acme',
      timeZone: 'Europe/Paris',
      firstDayOfWeek: 1,
      role: 'owner',
      defaultPostingTimes: ['09:00', '12:30', '17:00'],
      branding: { logoUrl: null, primaryColor: null, accentColor: null },
    });
    expect(res.body.permissions).toContain('billing:write');
    const [membership] = await t.db.getRepository('Membership').findBy({ workspaceId });
    expect(membership).toMatchObject({ userId: owner.id, role: 'owner' });
  });

  it('lists only the caller’s workspaces and lets a user belong to several', async () => {
    const second = await newWorkspace(t, owner, 'Beta Agency', 'America/New_York');
    const stranger = await newUser(t, 'stranger');
    await newWorkspace(t, stranger, 'Not yours');
    const res = await t.http.get('/api/v1/workspaces').set(as(owner));
    expect(res.body.items.map((w: { id: string }) => w.id).sort()).toEqual([workspaceId, second].sort());
  });

  it('validates the time zone on create', async () => {
    const res = await t.http.post('/api/v1/workspaces').set(as(owner)).send({ name: 'X', timeZone: 'Europe/Atlantis' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'timeZone', message: 'must be an IANA time zone such as Europe/Paris' }]);
  });

  it('updates settings and records the change in the activity log', async () => {
    const res = await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner))
      .send({
        timeZone: 'America/Los_Angeles',
        firstDayOfWeek: 0,
        branding: { logoUrl: 'https://cdn.example.com/logo.png', primaryColor: '#3355FF', accentColor: '#ff8800' },
        defaultPostingTimes: ['18:00', '08:30', '08:30'],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      timeZone: 'America/Los_Angeles',
      firstDayOfWeek: 0,
      branding: { logoUrl: 'https://cdn.example.com/logo.png', primaryColor: '#3355ff', accentColor: '#ff8800' },
      defaultPostingTimes: ['08:30', '18:00'],
    });
    const stored = await t.db.getRepository('Workspace').findOneByOrFail({ id: workspaceId });
    expect(stored.timeZone).toBe('America/Los_Angeles');
    const activity = await t.http.get('/api/v1/activity').set(as(owner, workspaceId));
    const entry = activity.body.items.find((e: { action: string }) => e.action === 'workspace.updated');
    expect(entry.actor).toMatchObject({ id: owner.id });
    expect(entry.details.changed.timeZone).toEqual({ from: 'Europe/Paris', to: 'America/Los_Angeles' });
  });

  it('invites by email, previews and accepts the invite as the invited member only', async () => {
    const invitee = await newUser(t, 'invitee');
    const other = await newUser(t, 'other');
    const res = await t.http
      .post('/api/v1/invites')
      .set(as(owner, workspaceId))
      .send({ email: invitee.email.toUpperCase(), role: 'editor' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: invitee.email, role: 'editor' });
    const token = new URL(res.body.acceptUrl).searchParams.get('token')!;
    expect(res.body.acceptUrl).toMatch(/^http:\/\/app\.test\/invites\/accept\?token=/);
    const mail = await t.db.getRepository('OutboxEmail').findOneByOrFail({ to: invitee.email });
    expect(mail).toMatchObject({ workspaceId, status: 'queued' });
    expect(mail.text).toContain(res.body.acceptUrl);

    const preview = await t.http.get(`/api/v1/invites/by-token/${token}`);
    expect(preview.body).toMatchObject({
      workspaceName: 'Acme',
      email: invitee.email,
      role: 'editor',
      roleName: 'Editor',
      invitedBy: owner.name,
    });

    const wrongPerson = await t.http.post('/api/v1/invites/accept').set(as(other)).send({ token });
    expect(wrongPerson.status).toBe(403);
    const accepted = await t.http.post('/api/v1/invites/accept').set(as(invitee)).send({ token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.workspace).toMatchObject({ id: workspaceId, role: 'editor' });
    expect((await t.http.post('/api/v1/invites/accept').set(as(invitee)).send({ token })).status).toBe(404);

    const members = await t.http.get('/api/v1/members').set(as(invitee, workspaceId));
    expect(members.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual(
      expect.arrayContaining([
        [owner.email, 'owner'],
        [invitee.email, 'editor'],
      ]),
    );
  });

  it('refuses an expired invite and lists, then revokes, pending ones', async () => {
    const res = await t.http
      .post('/api/v1/invites')
      .set(as(owner, workspaceId))
      .send({ email: 'late@example.com', role: 'viewer' })
      .expect(201);
    const again = await t.http
      .post('/api/v1/invites')
      .set(as(owner, workspaceId))
      .send({ email: 'late@example.com', role: 'viewer' });
    expect(again.status).toBe(409);
    const pending = await t.http.get('/api/v1/invites').set(as(owner, workspaceId));
    expect(pending.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
    await t.db.getRepository('Invite').update(res.body.id, { expiresAt: new Date(Date.now() - 1000) });
    const token = new URL(res.body.acceptUrl).searchParams.get('token');
    expect((await t.http.get(`/api/v1/invites/by-token/${token}`)).status).toBe(404);
    await t.db.getRepository('Invite').update(res.body.id, { expiresAt: new Date(Date.now() + 60_000) });
    await t.http.delete(`/api/v1/invites/${res.body.id}`).set(as(owner, workspaceId)).expect(204);
    expect((await t.http.get(`/api/v1/invites/by-token/${token}`)).status).toBe(404);
  });

  it('enforces the permission matrix: a Viewer can read but not change or invite', async () => {
    const viewer = await newUser(t, 'viewer');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
    await t.http.get(`/api/v1/workspaces/${workspaceId}`).set(as(viewer)).expect(200);
    const patch = await t.http.patch(`/api/v1/workspaces/${workspaceId}`).set(as(viewer)).send({ name: 'Mine now' });
    expect(patch.status).toBe(403);
    expect(patch.body.detail).toBe('This needs the "workspace:write" permission');
    expect(
      (
        await t.http
          .post('/api/v1/invites')
          .set(as(viewer, workspaceId))
          .send({ email: 'x@example.com', role: 'viewer' })
      ).status,
    ).toBe(403);
    expect((await t.http.get('/api/v1/activity').set(as(viewer, workspaceId))).status).toBe(403);
  });

  it('keeps at least one Owner and lets only Owners manage Owners', async () => {
    const admin = await newUser(t, 'admin');
    await addMember(t, owner, workspaceId, admin, 'admin');
    const demoteSelf = await t.http
      .patch(`/api/v1/members/${owner.id}`)
      .set(as(owner, workspaceId))
      .send({ role: 'admin' });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.body.code).toBe('LAST_OWNER');
    expect((await t.http.delete(`/api/v1/members/${owner.id}`).set(as(owner, workspaceId))).status).toBe(409);
    const adminDemotesOwner = await t.http
      .patch(`/api/v1/members/${owner.id}`)
      .set(as(admin, workspaceId))
      .send({ role: 'viewer' });
    expect(adminDemotesOwner.status).toBe(403);
    const adminPromotesSelf = await t.http
      .patch(`/api/v1/members/${admin.id}`)
      .set(as(admin, workspaceId))
      .send({ role: 'owner' });
    expect(adminPromotesSelf.status).toBe(403);
    // With a second Owner, the first may step down.
    await t.http.patch(`/api/v1/members/${admin.id}`).set(as(owner, workspaceId)).send({ role: 'owner' }).expect(200);
    await t.http.patch(`/api/v1/members/${owner.id}`).set(as(owner, workspaceId)).send({ role: 'admin' }).expect(200);
    const stored = await t.db.getRepository('Membership').findOneByOrFail({ workspaceId, userId: owner.id });
    expect(stored.role).toBe('admin');
    await t.http.patch(`/api/v1/members/${owner.id}`).set(as(admin, workspaceId)).send({ role: 'owner' }).expect(200);
  });

  it('removes a member and logs who did it', async () => {
    const leaver = await newUser(t, 'leaver');
    await addMember(t, owner, workspaceId, leaver, 'editor');
    await t.http.delete(`/api/v1/members/${leaver.id}`).set(as(owner, workspaceId)).expect(204);
    expect((await t.http.get(`/api/v1/workspaces/${workspaceId}`).set(as(leaver))).status).toBe(404);
    const log = await t.http.get('/api/v1/activity?limit=100').set(as(owner, workspaceId));
    const actions = log.body.items.map((e: { action: string; targetId: string }) => `${e.action}:${e.targetId}`);
    expect(actions).toContain(`member.removed:${leaver.id}`);
  });

  it('lets Owners create custom roles from the permission list and assign them', async () => {
    const perms = await t.http.get('/api/v1/permissions');
    expect(perms.body.items.map((p: { name: string }) => p.name)).toContain('posts:write');
    const created = await t.http
      .post('/api/v1/roles')
      .set(as(owner, workspaceId))
      .send({ name: 'Copywriter', permissions: ['posts:read', 'posts:write', 'workspace:read'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Copywriter', builtIn: false });
    const bad = await t.http
      .post('/api/v1/roles')
      .set(as(owner, workspaceId))
      .send({ name: 'Bad', permissions: ['posts:explode'] });
    expect(bad.body.errors[0].field).toBe('permissions');
    const writer = await newUser(t, 'writer');
    await addMember(t, owner, workspaceId, writer, created.body.id);
    const me = await t.http.get('/api/v1/me').set(as(writer, workspaceId));
    expect(me.body.workspace).toMatchObject({
      role: created.body.id,
      roleName: 'Copywriter',
      permissions: ['posts:read', 'posts:write', 'workspace:read'],
    });
    expect((await t.http.delete(`/api/v1/roles/${created.body.id}`).set(as(owner, workspaceId))).status).toBe(409);
    const roles = await t.http.get('/api/v1/roles').set(as(owner, workspaceId));
    expect(roles.body.items.map((r: { id: string }) => r.id)).toEqual([
      'owner',
      'admin',
      'editor',
      'viewer',
      'client',
      created.body.id,
    ]);
  });

  it('pages the activity log by keyset without repeats', async () => {
    const first = await t.http.get('/api/v1/activity?limit=3').set(as(owner, workspaceId));
    expect(first.body.items).toHaveLength(3);
    const second = await t.http
      .get(`/api/v1/activity?limit=3&cursor=${first.body.nextCursor}`)
      .set(as(owner, workspaceId));
    const ids = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
  });
});
