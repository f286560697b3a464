import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGraphServer } from '../testing/fake-graph-server';
import { FakeNetwork, readForm } from '../testing/fake-network';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface AccountView {
  id: string;
  network: string;
  name: string;
  status: string;
  scopes: string[];
  missingScopes: string[];
  lastError: string | null;
}

/** The whole connect flow over HTTP, with each network's API answered by a local fake. */
describe.each(DATABASE_KINDS)('connecting real networks through OAuth on %s', (kind) => {
  let t: TestApp;
  let x: FakeNetwork;
  let graph: FakeGraphServer;
  let owner: TestUser;
  let workspaceId: string;

  const start = async (network: string) => {
    const res = await t.http.post(`/api/v1/accounts/oauth/${network}/start`).set(as(owner, workspaceId)).send({});
    expect(res.status).toBe(200);
    return new URL(res.body.authorizeUrl as string);
  };
  const callback = (network: string, query: Record<string, string>) =>
    t.http.get(`/api/v1/accounts/oauth/${network}/callback`).query(query).expect(302);
  const accounts = async (): Promise<AccountView[]> =>
    (await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200)).body.items;

  beforeAll(async () => {
    x = await FakeNetwork.start();
    graph = await FakeGraphServer.start('v23.0');
    t = await startTestApp(kind, {
      X_CLIENT_ID: 'x-client',
      X_CLIENT_SECRET: 'x-secret',
      X_API_URL: x.url,
      X_AUTH_URL: 'https://x.test',
      META_APP_ID: 'meta-app',
      META_APP_SECRET: 'meta-secret',
      META_GRAPH_URL: graph.apiBaseUrl,
      META_LOGIN_URL: 'https://facebook.test/v23.0',
    });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Connect Co');
  });
  beforeEach(() => {
    x.reset();
    graph.reset();
  });
  afterAll(async () => {
    await t?.close();
    await x?.close();
    await graph?.close();
  });

  it('connects an X account with state and PKCE, and reports the permission it was not granted', async () => {
    const authorize = await start('x');
    expect(authorize.origin).toBe('https://x.test');
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://app.test/api/v1/accounts/oauth/x/callback');
    const challenge = authorize.searchParams.get('code_challenge');
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    x.on('POST', '/2/oauth2/token', {
      json: {
        access_token: 'x-access',
        refresh_token: 'x-refresh',
        expires_in: 7200,
        scope: 'tweet.read tweet.write users.read offline.access',
      },
    });
    x.on('GET', '/2/users/me', { json: { data: { id: '42', name: 'Bakery', username: 'bakery' } } });
    const res = await callback('x', { state: authorize.searchParams.get('state')!, code: 'code-1' });

    expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=x&count=1`);
    const verifier = readForm(x.to('POST', '/2/oauth2/token')[0]).get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    expect(x.to('GET', '/2/users/me')[0].headers.authorization).toBe('Bearer x-access');
    const [account] = (await accounts()).filter((a) => a.network === 'x');
    expect(account).toMatchObject({ name: '@bakery', status: 'active', missingScopes: ['media.write'] });
    expect(account.lastError).toContain('media.write');
    const row = await t.db.getRepository('SocialAccount').findOneByOrFail({ id: account.id });
    expect(row.accessTokenSealed).not.toContain('x-access');
  });

  it('connects every Facebook Page of the login, each with its Page token, and reconnecting updates them', async () => {
    graph.on('GET', '/oauth/access_token', { body: { access_token: 'user-token', expires_in: 5_184_000 } });
    graph.on('GET', '/me/permissions', {
      body: {
        data: ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'read_insights'].map((permission) => ({
          permission,
          status: 'granted',
        })),
      },
    });
    graph.on('GET', '/me/accounts', {
      body: {
        data: [
          { id: 'p1', name: 'Bakery', access_token: 'page-1' },
          { id: 'p2', name: 'Cafe', access_token: 'page-2' },
        ],
      },
    });
    for (let round = 0; round < 2; round++) {
      const authorize = await start('facebook');
      expect(authorize.pathname).toBe('/v23.0/dialog/oauth');
      const res = await callback('facebook', { state: authorize.searchParams.get('state')!, code: `c${round}` });
      expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=facebook&count=2`);
    }

    const pages = (await accounts()).filter((a) => a.network === 'facebook');
    expect(pages.map((p) => [p.name, p.status, p.missingScopes])).toEqual([
      ['Bakery', 'active', []],
      ['Cafe', 'active', []],
    ]);
  });

  it('sends the person back with the reason when the network refuses the code', async () => {
    const authorize = await start('x');
    x.on('POST', '/2/oauth2/token', {
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Value passed for the authorization code was invalid.' },
    });
    const res = await callback('x', { state: authorize.searchParams.get('state')!, code: 'stale' });
    const location = new URL(res.headers.location as string, 'http://app.test');
    expect(location.pathname).toBe(`/w/${workspaceId}/accounts`);
    expect(location.searchParams.get('connectError')).toMatch(/invalid/i);
  });

  it('tells the person what to do when an Instagram login has no linked professional account', async () => {
    graph.on('GET', '/oauth/access_token', { body: { access_token: 'user-token', expires_in: 60 } });
    graph.on('GET', '/me/permissions', { body: { data: [] } });
    graph.on('GET', '/me/accounts', { body: { data: [{ id: 'p1', name: 'Bakery', access_token: 'page-1' }] } });
    const authorize = await start('instagram');
    const res = await callback('instagram', { state: authorize.searchParams.get('state')!, code: 'c' });
    const location = new URL(res.headers.location as string, 'http://app.test');
    expect(location.searchParams.get('connectError')).toContain('link one in Instagram settings');
    expect((await accounts()).some((a) => a.network === 'instagram')).toBe(false);
  });

  it('refuses a state it did not issue, or one already used', async () => {
    const authorize = await start('x');
    x.on('POST', '/2/oauth2/token', { status: 400, json: { error: 'invalid_grant' } });
    const state = authorize.searchParams.get('state')!;
    await callback('x', { state, code: 'c' });
    for (const replay of [state, 'forged']) {
      const res = await callback('x', { state: replay, code: 'c' });
      expect(res.headers.location).toMatch(/^\/workspaces\?connectError=/);
    }
    expect(x.to('POST', '/2/oauth2/token')).toHaveLength(1);
  });

  it('names the settings a network still needs', async () => {
    const res = await t.http.post('/api/v1/accounts/oauth/linkedin/start').set(as(owner, workspaceId)).send({});
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET');
  });

  it('says, before anyone presses Connect, which networks this server can connect and what the others need', async () => {
    const res = await t.http.get('/api/v1/accounts/networks').set(as(owner, workspaceId)).expect(200);
    expect(res.body.items).toHaveLength(13);
    // Credentials networks need nothing from the server; "on" is what GET /networks says too.
    expect(res.body.items).toContainEqual({ network: 'telegram', label: 'Telegram', configured: true, requires: [] });
    expect(res.body.items.slice(0, 4)).toEqual([
      { network: 'facebook', label: 'Facebook', configured: true, requires: ['META_APP_ID', 'META_APP_SECRET'] },
      { network: 'instagram', label: 'Instagram', configured: true, requires: ['META_APP_ID', 'META_APP_SECRET'] },
      { network: 'x', label: 'X', configured: true, requires: ['X_CLIENT_ID', 'X_CLIENT_SECRET'] },
      {
        network: 'linkedin',
        label: 'LinkedIn',
        configured: false,
        requires: ['LINKEDIN_CLIENT_ID', 'LINKEDIN_CLIENT_SECRET'],
      },
    ]);
  });

  it('shows the networks to whoever may see accounts, and to no one else', async () => {
    const viewer = await newUser(t, 'viewer');
    const client = await newUser(t, 'client');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
    await addMember(t, owner, workspaceId, client, 'client');
    const seen = await t.http.get('/api/v1/accounts/networks').set(as(viewer, workspaceId)).expect(200);
    expect(seen.body.items.find((n: { network: string }) => n.network === 'linkedin').configured).toBe(false);
    await t.http.get('/api/v1/accounts/networks').set(as(client, workspaceId)).expect(403);
    await t.http.get('/api/v1/accounts/networks').expect(401);
  });
});
