import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

describe.each(DATABASE_KINDS)('API keys over HTTP on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Keys Inc');
  });
  afterAll(() => t?.close());

  const createKey = (user: TestUser, scopes: string[], name = 'CI') =>
    t.http.post('/api/v1/api-keys').set(as(user, workspaceId)).send({ name, scopes });

  it('creates a key shown once, stored hashed, with a visible prefix', async () => {
    const res = await createKey(owner, ['posts:read', 'workspace:read']);
    expect(res.status).toBe(201);
    expect(res.body.key).toMatch(/^so_[\w-]{12}_[\w-]{43}$/);
    expect(res.body.key.startsWith(`${res.body.prefix}_`)).toBe(true);
    expect(res.body.createdBy).toEqual({ id: owner.id, name: owner.name });
    const stored = await t.db.getRepository('ApiKey').findOneByOrFail({ id: res.body.id });
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(res.body.key.slice(res.body.prefix.length + 1));
    const list = await t.http.get('/api/v1/api-keys').set(as(owner, workspaceId));
    const listed = list.body.items.find((k: { id: string }) => k.id === res.body.id);
    expect(listed).toMatchObject({
      prefix: res.body.prefix,
      scopes: ['posts:read', 'workspace:read'],
      lastUsedAt: null,
    });
    expect(listed.key).toBeUndefined();
  });

  it('authenticates /api/v1/me and /api/v1/workspaces with the key, and records last use', async () => {
    const created = await createKey(owner, ['posts:read', 'workspace:read']);
    const key = created.body.key as string;
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${key}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: owner.id },
      authMethod: 'api_key',
      apiKey: { id: created.body.id, prefix: created.body.prefix, scopes: ['posts:read', 'workspace:read'] },
      workspace: { id: workspaceId, name: 'Keys Inc', role: 'owner', permissions: ['workspace:read', 'posts:read'] },
    });
    const workspaces = await t.http.get('/api/v1/workspaces').set('Authorization', `Bearer ${key}`);
    expect(workspaces.body.items.map((w: { id: string }) => w.id)).toEqual([workspaceId]);
    const stored = await t.db.getRepository('ApiKey').findOneByOrFail({ id: created.body.id });
    expect(stored.lastUsedAt).toBeInstanceOf(Date);
  });

  it('limits a key to its scopes, and to its workspace', async () => {
    const { body } = await createKey(owner, ['workspace:read']);
    const auth = { Authorization: `Bearer ${body.key}` };
    await t.http.get(`/api/v1/workspaces/${workspaceId}`).set(auth).expect(200);
    expect((await t.http.patch(`/api/v1/workspaces/${workspaceId}`).set(auth).send({ name: 'x' })).status).toBe(403);
    expect((await t.http.get('/api/v1/members').set(auth)).status).toBe(403);
    const other = await newWorkspace(t, owner, 'Other');
    expect((await t.http.get(`/api/v1/workspaces/${other}`).set(auth)).status).toBe(404);
    expect((await t.http.post('/api/v1/workspaces').set(auth).send({ name: 'By key', timeZone: 'UTC' })).status).toBe(
      403,
    );
  });

  it('refuses scopes beyond the creator’s permissions, naming them', async () => {
    const editor = await newUser(t, 'editor');
    await addMember(t, owner, workspaceId, editor, 'admin');
    await t.http.patch(`/api/v1/members/${editor.id}`).set(as(owner, workspaceId)).send({ role: 'editor' }).expect(200);
    const res = await createKey(editor, ['posts:write']);
    expect(res.status).toBe(403); // editors hold no api-keys:write
    const admin = await newUser(t, 'admin');
    await addMember(t, owner, workspaceId, admin, 'admin');
    const beyond = await createKey(admin, ['posts:write', 'billing:write']);
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors).toEqual([{ field: 'scopes', message: 'exceeds your own permissions: billing:write' }]);
    const unknown = await createKey(admin, ['posts:destroy']);
    expect(unknown.body.errors[0].field).toBe('scopes');
  });

  it('a revoked key gets 401 at once', async () => {
    const { body } = await createKey(owner, ['workspace:read']);
    const auth = { Authorization: `Bearer ${body.key}` };
    await t.http.get('/api/v1/me').set(auth).expect(200);
    await t.http.delete(`/api/v1/api-keys/${body.id}`).set(as(owner, workspaceId)).expect(204);
    const after = await t.http.get('/api/v1/me').set(auth);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('API_KEY_INVALID');
    const log = await t.http.get('/api/v1/activity').set(as(owner, workspaceId));
    expect(log.body.items.map((e: { action: string; targetId: string }) => `${e.action}:${e.targetId}`)).toEqual(
      expect.arrayContaining([`api_key.created:${body.id}`, `api_key.revoked:${body.id}`]),
    );
  });

  it('a tampered secret with a real prefix is refused', async () => {
    const { body } = await createKey(owner, ['workspace:read']);
    const forged = `${body.prefix}_${'A'.repeat(43)}`;
    expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
  });

  it('a key follows its creator’s current role: demoted or removed, it loses power', async () => {
    const admin = await newUser(t, 'keyholder');
    await addMember(t, owner, workspaceId, admin, 'admin');
    const { body } = await createKey(admin, ['members:read', 'workspace:read']);
    const auth = { Authorization: `Bearer ${body.key}` };
    await t.http.get('/api/v1/members').set(auth).expect(200);
    await t.http.patch(`/api/v1/members/${admin.id}`).set(as(owner, workspaceId)).send({ role: 'client' }).expect(200);
    expect((await t.http.get('/api/v1/members').set(auth)).status).toBe(403);
    await t.http.delete(`/api/v1/members/${admin.id}`).set(as(owner, workspaceId)).expect(204);
    expect((await t.http.get(`/api/v1/workspaces/${workspaceId}`).set(auth)).status).toBe(401);
  });
});
