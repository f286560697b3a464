import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGraphServer } from '../../testing/fake-graph-server';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';

/** Threads connect over HTTP with the Meta app's settings and THREADS_API_URL pointing at a fake Threads host. */
describe('connecting a Threads profile', () => {
  let t: TestApp;
  let threads: FakeGraphServer;
  let owner: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    threads = await FakeGraphServer.start('v1.0');
    t = await startTestApp('sqlite', {
      META_APP_ID: 'meta-app',
      META_APP_SECRET: 'meta-secret',
      THREADS_API_URL: threads.origin,
    });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Threads Co');
  });
  afterAll(async () => {
    await t?.close();
    await threads?.close();
  });

  it('sends the person to threads.net and stores the profile with a 60-day token it can renew', async () => {
    const started = await t.http
      .post('/api/v1/accounts/oauth/threads/start')
      .set(as(owner, workspaceId))
      .send({})
      .expect(200);
    const authorize = new URL(started.body.authorizeUrl as string);
    expect(authorize.origin + authorize.pathname).toBe('https://threads.net/oauth/authorize');
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://app.test/api/v1/accounts/oauth/threads/callback');

    threads
      .on('POST', '/oauth/access_token', { body: { access_token: 'short', user_id: 1789 } })
      .on('GET', '/access_token', { body: { access_token: 'long-lived', expires_in: 5_184_000 } })
      .on('GET', '/me', { body: { id: '1789', username: 'ada' } });
    const res = await t.http
      .get('/api/v1/accounts/oauth/threads/callback')
      .query({ state: authorize.searchParams.get('state')!, code: 'c1' })
      .expect(302);

    expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=threads&count=1`);
    const row = await t.db.getRepository('SocialAccount').findOneByOrFail({ network: 'threads' });
    expect(row).toMatchObject({ externalAccountId: '1789', name: '@ada', status: 'active' });
    expect(row.refreshTokenSealed).toBeTruthy();
    expect((row.tokenExpiresAt as Date).getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    expect(threads.callsTo('GET', '/me')[0].headers.authorization).toBe('OAuth long-lived');
  });
});
