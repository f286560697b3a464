import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

/** Connecting YouTube and TikTok over HTTP, each network answered by a local fake. */
describe.each(DATABASE_KINDS)('connecting YouTube and TikTok on %s', (kind) => {
  let t: TestApp;
  let google: FakeNetwork;
  let tiktok: FakeNetwork;
  let owner: TestUser;
  let workspaceId: string;

  const start = async (network: string) => {
    const res = await t.http.post(`/api/v1/accounts/oauth/${network}/start`).set(as(owner, workspaceId)).send({});
    expect(res.status).toBe(200);
    return new URL(res.body.authorizeUrl as string);
  };
  const callback = (network: string, query: Record<string, string>) =>
    t.http.get(`/api/v1/accounts/oauth/${network}/callback`).query(query).expect(302);
  const accounts = async (network: string) =>
    (
      (await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200)).body.items as Array<{
        network: string;
        name: string;
        status: string;
        missingScopes: string[];
        externalAccountId?: string;
      }>
    ).filter((a) => a.network === network);

  beforeAll(async () => {
    google = await FakeNetwork.start();
    tiktok = await FakeNetwork.start();
    t = await startTestApp(kind, {
      GOOGLE_CLIENT_ID: 'app.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      GOOGLE_API_URL: google.url,
      GOOGLE_AUTH_URL: 'https://accounts.google.test',
      TIKTOK_CLIENT_KEY: 'tiktok-key',
      TIKTOK_CLIENT_SECRET: 'tiktok-secret',
      TIKTOK_API_URL: tiktok.url,
      TIKTOK_AUTH_URL: 'https://www.tiktok.test',
    });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Video Co');
  });
  afterAll(async () => {
    await t?.close();
    await google?.close();
    await tiktok?.close();
  });

  it('connects every YouTube channel of the Google account, with PKCE and offline access', async () => {
    const authorize = await start('youtube');
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://accounts.google.test/o/oauth2/v2/auth');
    expect(authorize.searchParams.get('access_type')).toBe('offline');
    const challenge = authorize.searchParams.get('code_challenge')!;
    google
      .on('POST', '/token', {
        json: {
          access_token: 'ya29.connect',
          refresh_token: '1//connect',
          expires_in: 3599,
          scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
        },
      })
      .on('GET', '/youtube/v3/channels', { json: { items: [{ id: 'UC1', snippet: { title: 'Tiny Kitchen' } }] } });

    const res = await callback('youtube', { state: authorize.searchParams.get('state')!, code: 'code-1' });

    expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=youtube&count=1`);
    const verifier = readForm(google.to('POST', '/token')[0]).get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    expect(await accounts('youtube')).toMatchObject([{ name: 'Tiny Kitchen', status: 'active', missingScopes: [] }]);
  });

  it('sends the person back with what to do when the Google account has no channel', async () => {
    google.reset();
    const authorize = await start('youtube');
    google
      .on('POST', '/token', { json: { access_token: 'ya29.none', expires_in: 3599 } })
      .on('GET', '/youtube/v3/channels', { json: { items: [] } });

    const res = await callback('youtube', { state: authorize.searchParams.get('state')!, code: 'code-2' });

    expect(decodeURIComponent(res.headers.location as string)).toContain('no YouTube channel');
  });

  it('connects the TikTok creator with client_key and reports a permission not granted', async () => {
    const authorize = await start('tiktok');
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://www.tiktok.test/v2/auth/authorize/');
    expect(authorize.searchParams.get('client_key')).toBe('tiktok-key');
    tiktok
      .on('POST', '/v2/oauth/token/', {
        json: {
          access_token: 'act.1',
          refresh_token: 'rft.1',
          expires_in: 86400,
          open_id: 'open-1',
          scope: 'user.info.basic',
        },
      })
      .on('GET', '/v2/user/info/', {
        json: {
          data: { user: { open_id: 'open-1', display_name: 'Tiny Kitchen', username: 'tiny.kitchen' } },
          error: { code: 'ok' },
        },
      });

    const res = await callback('tiktok', { state: authorize.searchParams.get('state')!, code: 'code-3' });

    expect(res.headers.location).toBe(`/w/${workspaceId}/accounts?connected=tiktok&count=1`);
    expect(readForm(tiktok.to('POST', '/v2/oauth/token/')[0]).get('client_key')).toBe('tiktok-key');
    expect(await accounts('tiktok')).toMatchObject([{ name: 'Tiny Kitchen', missingScopes: ['video.publish'] }]);
  });
});
