import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(4).toString('hex')}@example.com`;

export async function newUser(t: TestApp, label = 'user'): Promise<TestUser> {
  const body = { email: uniqueEmail(label), password: 'correct horse battery', name: `Test ${label}` };
  const res = await t.http.post('/api/v1/auth/register').send(body).expect(201);
  return { ...body, id: res.body.user.id, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

export async function newWorkspace(
  t: TestApp,
  owner: TestUser,
  name = 'Acme',
  timeZone = 'Europe/Paris',
): Promise<string> {
  const res = await t.http
    .post('/api/v1/workspaces')
    .auth(owner.accessToken, { type: 'bearer' })
    .send({ name, timeZone })
    .expect(201);
  return res.body.id as string;
}

/** Invites `email` with `role` and accepts as `member`. */
export async function addMember(
  t: TestApp,
  owner: TestUser,
  workspaceId: string,
  member: TestUser,
  role: string,
): Promise<void> {
  const invite = await t.http
    .post('/api/v1/invites')
    .auth(owner.accessToken, { type: 'bearer' })
    .set('X-Workspace-Id', workspaceId)
    .send({ email: member.email, role })
    .expect(201);
  const token = new URL(invite.body.acceptUrl).searchParams.get('token');
  await t.http.post('/api/v1/invites/accept').auth(member.accessToken, { type: 'bearer' }).send({ token }).expect(200);
}

/** Headers for a user acting in a workspace. */
export const as = (user: TestUser, workspaceId?: string): Record<string, string> => ({
  Authorization: `Bearer ${user.accessToken}`,
  ...(workspaceId ? { 'X-Workspace-Id': workspaceId } : {}),
});

/** The API as a user acting in a workspace: GET and POST (a JSON body, {} if none) under /api/v1. */
export const apiAs = (t: TestApp, user: TestUser, workspaceId?: string) => ({
  get: (path: string) => t.http.get(`/api/v1${path}`).set(as(user, workspaceId)),
  post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(user, workspaceId)).send(body),
});
