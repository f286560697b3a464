import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeNetwork } from '../../testing/fake-network';
import { addMember, as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

/** Connecting Pinterest over HTTP keeps the boards; the boards endpoint shows and refreshes them. */
describe.each(DATABASE_KINDS)('Pinterest boards on %s', (kind) => {
  let t: TestApp;
  let pinterest: FakeNetwork;
  let owner: TestUser;
  let workspaceId: string;
  let accountId: string;

  const boardsOf = (items: Array<{ id: string; name: string }>) => ({ json: { items, bookmark: null } });

  beforeAll(async () => {
    pinterest = await FakeNetwork.start();
    t = await startTestApp(kind, {
      PINTEREST_APP_ID: '1484362',
      PINTEREST_APP_SECRET: 'pin-secret',
      PINTEREST_API_URL: pinterest.url,
      PINTEREST_AUTH_URL: 'https://pinterest.test',
    });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Pin Co');
    pinterest
      .on('POST', '/v5/oauth/token', {
        json: {
          access_token: 'pina_1',
          refresh_token: 'pinr_1',
          expires_in: 2592000,
          scope: 'boards:read,pins:read,pins:write,user_accounts:read',
        },
      })
      .on('GET', '/v5/user_account', { json: { id: '5497', username: 'greenleafkitchen' } })
      .on('GET', '/v5/boards', boardsOf([{ id: '5001', name: 'Weeknight dinners' }]))
      .on('GET', '/v5/boards/5001/sections', { json: { items: [{ id: '7001', name: 'Pasta' }], bookmark: null } });
    const start = await t.http
      .post('/api/v1/accounts/oauth/pinterest/start')
      .set(as(owner, workspaceId))
      .send({})
      .expect(200);
    const authorize = new URL(start.body.authorizeUrl as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://pinterest.test/oauth/');
    await t.http
      .get('/api/v1/accounts/oauth/pinterest/callback')
      .query({ state: authorize.searchParams.get('state')!, code: 'code-1' })
      .expect(302);
    const accounts = (await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200)).body
      .items as Array<{
      id: string;
      network: string;
      name: string;
    }>;
    accountId = accounts.find((a) => a.network === 'pinterest')!.id;
  });
  beforeEach(() => pinterest.received.splice(0));
  afterAll(async () => {
    await t?.close();
    await pinterest?.close();
  });

  it('keeps the boards and sections read on connect', async () => {
    const res = await t.http
      .get(`/api/v1/accounts/${accountId}/pinterest-boards`)
      .set(as(owner, workspaceId))
      .expect(200);

    expect(res.body.items).toEqual([
      { id: '5001', name: 'Weeknight dinners', sections: [{ id: '7001', name: 'Pasta' }] },
    ]);
    expect(Date.parse(res.body.readAt as string)).not.toBeNaN();
    expect(pinterest.received).toHaveLength(0);
  });

  it('reads the boards again on refresh and keeps the new list', async () => {
    pinterest
      .on(
        'GET',
        '/v5/boards',
        boardsOf([
          { id: '5001', name: 'Weeknight dinners' },
          { id: '5002', name: 'Baking' },
        ]),
      )
      .on('GET', '/v5/boards/5002/sections', { json: { items: [], bookmark: null } });

    const res = await t.http
      .post(`/api/v1/accounts/${accountId}/pinterest-boards/refresh`)
      .set(as(owner, workspaceId))
      .expect(200);

    expect(res.body.items.map((b: { name: string }) => b.name)).toEqual(['Weeknight dinners', 'Baking']);
    expect(pinterest.to('GET', '/v5/boards')[0].headers.authorization).toBe('Bearer pina_1');
    const again = await t.http.get(`/api/v1/accounts/${accountId}/pinterest-boards`).set(as(owner, workspaceId));
    expect(again.body.items).toHaveLength(2);
  });

  it('answers 502 naming Pinterest when it fails, and 409 with the account marked for reconnecting on 401', async () => {
    pinterest.on('GET', '/v5/boards', { status: 503, text: 'down' });
    const failed = await t.http
      .post(`/api/v1/accounts/${accountId}/pinterest-boards/refresh`)
      .set(as(owner, workspaceId))
      .expect(502);
    expect(failed.body.detail).toContain('Pinterest');

    pinterest.on('GET', '/v5/boards', { status: 401, json: { code: 2, message: 'Authentication failed.' } });
    await t.http.post(`/api/v1/accounts/${accountId}/pinterest-boards/refresh`).set(as(owner, workspaceId)).expect(409);
    const accounts = (await t.http.get('/api/v1/accounts').set(as(owner, workspaceId))).body.items as Array<{
      id: string;
      status: string;
    }>;
    expect(accounts.find((a) => a.id === accountId)!.status).toBe('reauth_required');
  });

  it('keeps one workspace out of another’s boards and refuses accounts of other networks', async () => {
    const stranger = await newUser(t, 'stranger');
    const otherWorkspace = await newWorkspace(t, stranger, 'Other Co');
    await t.http.get(`/api/v1/accounts/${accountId}/pinterest-boards`).set(as(stranger, otherWorkspace)).expect(404);

    const viewer = await newUser(t, 'viewer');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
    await t.http.get(`/api/v1/accounts/${accountId}/pinterest-boards`).set(as(viewer, workspaceId)).expect(200);
    await t.http
      .post(`/api/v1/accounts/${accountId}/pinterest-boards/refresh`)
      .set(as(viewer, workspaceId))
      .expect(403);

    const sandbox = await t.http
      .post('/api/v1/accounts')
      .set(as(owner, workspaceId))
      .send({ network: 'sandbox', name: 'Demo' });
    const res = await t.http
      .get(`/api/v1/accounts/${sandbox.body.id}/pinterest-boards`)
      .set(as(owner, workspaceId))
      .expect(400);
    expect(res.body.title).toBe('Only Pinterest accounts have boards');
  });
});
