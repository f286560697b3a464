import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';

/** Every failure answers problem+json with a 4xx, never a 500 (SQLite is enough: no SQL involved). */
describe('problem+json error shape', () => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { BODY_LIMIT: '2kb' });
    owner = await newUser(t);
    workspaceId = await newWorkspace(t, owner);
  });
  afterAll(() => t?.close());

  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
  ) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
  };

  it('unknown API route → 404', async () => {
    const res = await t.http.get('/api/v1/nothing-here');
    expectProblem(res, 404);
    expect(res.body.detail).toBe('No route for GET /api/v1/nothing-here');
  });

  it('malformed JSON → 400', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expectProblem(res, 400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('oversized body → 413', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'a@b.co', password: 'x'.repeat(5000) });
    expectProblem(res, 413);
  });

  it('wrong types and unknown fields name the field', async () => {
    const wrongType = await t.http.post('/api/v1/auth/login').send({ email: 42, password: true });
    expectProblem(wrongType, 400);
    expect(wrongType.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    const extra = await t.http.post('/api/v1/auth/login').send({ email: 'a@b.co', password: 'x', admin: true });
    expect(extra.body.errors).toEqual([{ field: 'admin', message: 'property admin should not exist' }]);
  });

  it('nested fields are named with their path', async () => {
    const res = await t.http
      .patch(`/api/v1/workspaces/${workspaceId}`)
      .set(as(owner))
      .send({ branding: { primaryColor: 'blue' }, timeZone: 'Mars/Olympus', firstDayOfWeek: 9 });
    expectProblem(res, 400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'timeZone', message: 'must be an IANA time zone such as Europe/Paris' },
        { field: 'branding.primaryColor', message: 'must be a colour like #3355ff' },
        { field: 'firstDayOfWeek', message: 'firstDayOfWeek must not be greater than 6' },
      ]),
    );
  });

  it('a bad pagination cursor → 400 naming cursor', async () => {
    const res = await t.http.get('/api/v1/activity?cursor=abc&limit=500').set(as(owner, workspaceId));
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cursor', 'limit']);
  });

  it('a workspace route without X-Workspace-Id → 400 naming the header', async () => {
    const res = await t.http.get('/api/v1/members').set(as(owner));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'X-Workspace-Id', message: 'header is required' }]);
  });
});
