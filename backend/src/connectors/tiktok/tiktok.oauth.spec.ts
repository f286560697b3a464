import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { TIKTOK_SCOPES, TikTokOAuthProvider } from './tiktok.oauth';

describe('TikTokOAuthProvider', () => {
  let fake: FakeNetwork;
  let provider: TikTokOAuthProvider;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new TikTokOAuthProvider({
      clientId: 'awkey123',
      clientSecret: 'shh',
      apiBaseUrl: fake.url,
      authBaseUrl: fake.url,
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('sends the person to TikTok with client_key and comma-separated scopes', () => {
    const url = new URL(
      provider.authorizeUrl({ state: 'st', redirectUri: 'https://app.example/cb', codeChallenge: null }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/v2/auth/authorize/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: 'awkey123',
      scope: TIKTOK_SCOPES.join(','),
      response_type: 'code',
      redirect_uri: 'https://app.example/cb',
      state: 'st',
    });
  });

  it('exchanges the code at /v2/oauth/token/ and refreshes with the rotated refresh token', async () => {
    fake.on(
      'POST',
      '/v2/oauth/token/',
      {
        json: {
          access_token: 'act.1',
          expires_in: 86400,
          open_id: 'open-1',
          refresh_token: 'rft.1',
          refresh_expires_in: 31536000,
          scope: 'user.info.basic,video.publish',
          token_type: 'Bearer',
        },
      },
      {
        json: {
          access_token: 'act.2',
          expires_in: 86400,
          refresh_token: 'rft.2',
          scope: 'user.info.basic,video.publish',
        },
      },
    );

    const first = await provider.exchangeCode({
      code: 'code-1',
      redirectUri: 'https://app.example/cb',
      codeVerifier: null,
    });
    const second = await provider.refresh('rft.1');

    expect(first).toMatchObject({
      accessToken: 'act.1',
      refreshToken: 'rft.1',
      scopes: ['user.info.basic', 'video.publish'],
    });
    expect(second).toMatchObject({ accessToken: 'act.2', refreshToken: 'rft.2' });
    expect(Object.fromEntries(readForm(fake.received[0]))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://app.example/cb',
      client_key: 'awkey123',
      client_secret: 'shh',
    });
    expect(readForm(fake.received[1]).get('refresh_token')).toBe('rft.1');
  });

  it('takes a refused grant, on a 400 or in a 200 body, as needing the person', async () => {
    fake.on(
      'POST',
      '/v2/oauth/token/',
      { status: 400, json: { error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.' } },
      { json: { error: 'invalid_grant', error_description: 'Refresh token is invalid or expired.', log_id: 'l' } },
    );
    expect((await failureOf(provider.refresh('old'))).kind).toBe('reauth');
    expect((await failureOf(provider.refresh('old'))).kind).toBe('reauth');
  });

  it('lists the creator behind the grant with their username for links', async () => {
    fake.on('GET', '/v2/user/info/', {
      json: {
        data: { user: { open_id: 'open-1', display_name: 'Tiny Kitchen', username: 'tiny.kitchen' } },
        error: { code: 'ok' },
      },
    });
    expect(
      await provider.listAccounts({ accessToken: 'act.1', refreshToken: null, expiresAt: null, scopes: [] }),
    ).toEqual([{ externalAccountId: 'open-1', name: 'Tiny Kitchen', settings: { username: 'tiny.kitchen' } }]);
    expect(fake.received[0].query.get('fields')).toBe('open_id,display_name,username');
  });
});
