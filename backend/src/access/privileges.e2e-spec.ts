import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { ALL_PERMISSIONS, Permission } from './permissions';

/**
 * Privileged rules judge the caller's effective permissions (an API key's scopes ∩ its creator's
 * current role), and no one grants beyond their own power.
 */
describe.each(DATABASE_KINDS)('privileged rules on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let client: TestUser;
  let workspaceId: string;
  let postId: string;

  const key = async (creator: TestUser, scopes: Permission[]): Promise<Record<string, string>> => {
    const res = await t.http
      .post('/api/v1/api-keys')
      .set(as(creator, workspaceId))
      .send({ name: `key of ${scopes.length} scopes`, scopes })
      .expect(201);
    return { Authorization: `Bearer ${res.body.key}` };
  };
  const roleOf = async (user: TestUser) =>
    (await t.db.getRepository('Membership').findOneByOrFail({ workspaceId, userId: user.id })).role as string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [owner, admin, editor, viewer, client] = await Promise.all(
      ['owner', 'admin', 'editor', 'viewer', 'client'].map((label) => newUser(t, label)),
    );
    workspaceId = await newWorkspace(t, owner);
    for (const [user, role] of [
      [admin, 'admin'],
      [editor, 'editor'],
      [viewer, 'viewer'],
      [client, 'client'],
    ] as const) {
      await addMember(t, owner, workspaceId, user, role);
    }
    const account = await t.http
      .post('/api/v1/accounts')
      .set(as(owner, workspaceId))
      .send({ network: 'sandbox', name: 'Demo' })
      .expect(201);
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({ text: 'Hello', variants: [{ accountId: account.body.id }] })
      .expect(201);
    postId = post.body.id;
  });
  afterAll(() => t?.close());

  describe("an Owner's key scoped to members:write is not an Owner", () => {
    it('cannot invite an Owner', async () => {
      const membersKey = await key(owner, ['members:write']);
      const res = await t.http
        .post('/api/v1/invites')
        .set(membersKey)
        .send({ email: 'eve@example.com', role: 'owner' });
      expect(res.status).toBe(403);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
      expect(await t.db.getRepository('Invite').countBy({ email: 'eve@example.com' })).toBe(0);
    });

    it('cannot make a member Owner, nor demote an Owner', async () => {
      const membersKey = await key(owner, ['members:write', 'members:read']);
      const promote = await t.http.patch(`/api/v1/members/${editor.id}`).set(membersKey).send({ role: 'owner' });
      expect(promote.status).toBe(403);
      expect(await roleOf(editor)).toBe('editor');
      const demote = await t.http.patch(`/api/v1/members/${owner.id}`).set(membersKey).send({ role: 'viewer' });
      expect(demote.status).toBe(403);
      expect(await roleOf(owner)).toBe('owner');
    });

    it('cannot grant a role holding permissions beyond its scopes', async () => {
      const viewerPermissions = (await t.http.get('/api/v1/roles').set(as(owner, workspaceId))).body.items.find(
        (r: { id: string }) => r.id === 'viewer',
      ).permissions as Permission[];
      const membersKey = await key(owner, ['members:write', ...viewerPermissions]);
      const res = await t.http.patch(`/api/v1/members/${viewer.id}`).set(membersKey).send({ role: 'editor' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('BEYOND_CALLER');
      expect(res.body.errors[0]).toMatchObject({ field: 'role' });
      expect(res.body.errors[0].message).toContain('posts:write');
      expect(await roleOf(viewer)).toBe('viewer');
    });

    it('while a key holding every permission of its Owner may', async () => {
      const fullKey = await key(owner, ALL_PERMISSIONS);
      const res = await t.http
        .post('/api/v1/invites')
        .set(fullKey)
        .send({ email: 'co-owner@example.com', role: 'owner' });
      expect(res.status).toBe(201);
    });
  });

  describe('no one grants beyond their own power', () => {
    let bossRoleId: string;

    beforeAll(async () => {
      const res = await t.http
        .post('/api/v1/roles')
        .set(as(owner, workspaceId))
        .send({ name: 'Boss', permissions: ['roles:write', 'billing:write', 'members:write'] })
        .expect(201);
      bossRoleId = res.body.id;
    });

    it('an Admin cannot give themself a role holding roles:write or billing:write', async () => {
      const res = await t.http
        .patch(`/api/v1/members/${admin.id}`)
        .set(as(admin, workspaceId))
        .send({ role: bossRoleId });
      expect(res.status).toBe(403);
      expect(res.body.errors[0]).toMatchObject({ field: 'role' });
      expect(res.body.errors[0].message).toMatch(/roles:write.*billing:write/);
      expect(await roleOf(admin)).toBe('admin');
    });

    it('an Admin cannot invite someone with that role', async () => {
      const res = await t.http
        .post('/api/v1/invites')
        .set(as(admin, workspaceId))
        .send({ email: 'accomplice@example.com', role: bossRoleId });
      expect(res.status).toBe(403);
      expect(await t.db.getRepository('Invite').countBy({ email: 'accomplice@example.com' })).toBe(0);
    });

    it('an Admin cannot change or remove a member who holds more than they do', async () => {
      const boss = await newUser(t, 'boss');
      await addMember(t, owner, workspaceId, boss, bossRoleId);
      const change = await t.http
        .patch(`/api/v1/members/${boss.id}`)
        .set(as(admin, workspaceId))
        .send({ role: 'viewer' });
      expect(change.status).toBe(403);
      const remove = await t.http.delete(`/api/v1/members/${boss.id}`).set(as(admin, workspaceId));
      expect(remove.status).toBe(403);
      expect(await roleOf(boss)).toBe(bossRoleId);
    });

    it("an Admin cannot withdraw an Owner's invite to a role above the Admin's own", async () => {
      const invite = await t.http
        .post('/api/v1/invites')
        .set(as(owner, workspaceId))
        .send({ email: 'future-boss@example.com', role: bossRoleId })
        .expect(201);
      const res = await t.http.delete(`/api/v1/invites/${invite.body.id}`).set(as(admin, workspaceId));
      expect(res.status).toBe(403);
      expect(res.body.errors[0]).toMatchObject({ field: 'id' });
      const stored = await t.db.getRepository('Invite').findOneByOrFail({ id: invite.body.id });
      expect(stored.revokedAt).toBeNull();
      await t.http.delete(`/api/v1/invites/${invite.body.id}`).set(as(owner, workspaceId)).expect(204);
    });

    it('a key scoped to roles:write cannot create a role beyond its scopes', async () => {
      const rolesKey = await key(owner, ['roles:write']);
      const res = await t.http
        .post('/api/v1/roles')
        .set(rolesKey)
        .send({ name: 'Treasurer', permissions: ['billing:write'] });
      expect(res.status).toBe(403);
      expect(res.body.errors[0]).toMatchObject({ field: 'permissions' });
      expect(await t.db.getRepository('CustomRole').countBy({ workspaceId, name: 'Treasurer' })).toBe(0);
      const within = await t.http
        .post('/api/v1/roles')
        .set(rolesKey)
        .send({ name: 'Role maker', permissions: ['roles:write'] });
      expect(within.status).toBe(201);
    });
  });

  describe('comments need posts:write', () => {
    it.each([
      ['a Viewer', () => as(viewer, workspaceId)],
      ['a Client', () => as(client, workspaceId)],
    ])('%s cannot comment', async (_, headers) => {
      const res = await t.http.post(`/api/v1/posts/${postId}/comments`).set(headers()).send({ text: 'sneaky' });
      expect(res.status).toBe(403);
    });

    it('a posts:read key cannot comment, an Editor can', async () => {
      const readKey = await key(owner, ['posts:read']);
      expect((await t.http.post(`/api/v1/posts/${postId}/comments`).set(readKey).send({ text: 'sneaky' })).status).toBe(
        403,
      );
      expect(await t.db.getRepository('PostComment').countBy({ postId, text: 'sneaky' })).toBe(0);
      await t.http
        .post(`/api/v1/posts/${postId}/comments`)
        .set(as(editor, workspaceId))
        .send({ text: 'ok' })
        .expect(201);
      const list = await t.http.get(`/api/v1/posts/${postId}/comments`).set(readKey).expect(200);
      expect(list.body.items.map((c: { text: string }) => c.text)).toEqual(['ok']);
    });
  });

  it("a removed member's API keys stay revoked when they rejoin", async () => {
    const member = await newUser(t, 'leaver');
    await addMember(t, owner, workspaceId, member, 'admin');
    const memberKey = await key(member, ['posts:read']);
    await t.http.get('/api/v1/posts').set(memberKey).expect(200);
    await t.http.delete(`/api/v1/members/${member.id}`).set(as(owner, workspaceId)).expect(204);
    expect((await t.http.get('/api/v1/posts').set(memberKey)).status).toBe(401);
    await addMember(t, owner, workspaceId, member, 'admin');
    expect((await t.http.get('/api/v1/posts').set(memberKey)).status).toBe(401);
    const keys = await t.db.getRepository('ApiKey').findBy({ workspaceId, createdById: member.id });
    expect(keys).toHaveLength(1);
    expect(keys[0].revokedAt).toBeInstanceOf(Date);
  });

  describe('role names are looked up as own properties only', () => {
    it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])(
      'PATCH with role "%s" is refused with 400 naming the field, the member keeps their role',
      async (role) => {
        const res = await t.http.patch(`/api/v1/members/${editor.id}`).set(as(owner, workspaceId)).send({ role });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
        expect(await roleOf(editor)).toBe('editor');
        await t.http.get('/api/v1/posts').set(as(editor, workspaceId)).expect(200);
      },
    );

    it('an invite with role "constructor" is refused with 400 naming the field', async () => {
      const res = await t.http
        .post('/api/v1/invites')
        .set(as(owner, workspaceId))
        .send({ email: 'proto@example.com', role: 'constructor' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    });
  });
});
