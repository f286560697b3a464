import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';

interface AccountView {
  id: string;
  network: string;
  name: string;
  externalAccountId: string;
  status: string;
  missingScopes: string[];
}

/** Connecting Google Business Profile over HTTP: one sign-in, every managed location an account of its own. */
describe('connecting Google Business Profile locations', () => {
  let t: TestApp;
  let google: FakeNetwork;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    google = await FakeNetwork.start();
    t = await startTestApp('sqlite', {
      GOOGLE_CLIENT_ID: '123-abc.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'GOCSPX-secret',
      GOOGLE_API_URL: google.url,
      GOOGLE_AUTH_URL: 'https://accounts.google.test',
    });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Bakery Co');
  });
  afterAll(async () => {
    await t?.close();
    await google?.close();
  });

  it('signs in once with offline access and adds each location, with its names kept in settings', async () => {
    const start = await t.http
      .post('/api/v1/accounts/oauth/google-business/start')
      .set(as(owner, workspaceId))
      .send({})
      .expect(200);
    const authorize = new URL(start.body.authorizeUrl as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://accounts.google.test/o/oauth2/v2/auth');
    expect(authorize.searchParams.get('access_type')).toBe('offline');
    expect(authorize.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/business.manage');

    google
      .on('POST', '/token', {
        json: {
          access_token: 'ya29.a0',
          refresh_token: '1//0g',
          expires_in: 3599,
          scope: 'https://www.googleapis.com/auth/business.manage',
        },
      })
      .on('GET', '/v1/accounts', { json: { accounts: [{ name: 'accounts/111', accountName: 'Greenleaf' }] } })
      .on('GET', '/v1/accounts/111/locations', {
        json: {
          locations: [
            { name: 'locations/9001', title: 'Greenleaf Kitchen', storefrontAddress: { locality: 'Wellington' } },
            { name: 'locations/9002', title: 'Greenleaf Express' },
          ],
        },
      });
    const res = await t.http
      .get('/api/v1/accounts/oauth/google-business/callback')
      .query({ state: authorize.searchParams.get('state')!, code: '4/0A' })
      .expect(302);

    expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=google-business&count=2`);
    expect(readForm(google.to('POST', '/token')[0]).get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    const accounts = ((await t.http.get('/api/v1/accounts').set(as(owner, workspaceId))).body.items as AccountView[])
      .filter((a) => a.network === 'google-business')
      .map((a) => [a.name, a.externalAccountId, a.status, a.missingScopes]);
    expect(accounts).toEqual([
      ['Greenleaf Kitchen (Wellington)', 'accounts/111/locations/9001', 'active', []],
      ['Greenleaf Express', 'accounts/111/locations/9002', 'active', []],
    ]);
    const row = await t.db
      .getRepository('SocialAccount')
      .findOneByOrFail({ externalAccountId: 'accounts/111/locations/9001' });
    expect(row.settings).toMatchObject({ location: 'locations/9001', title: 'Greenleaf Kitchen' });
    expect(row.accessTokenSealed).not.toContain('ya29');
  });
});
