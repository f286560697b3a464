import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { YOUTUBE_SCOPES, YouTubeOAuthProvider } from './youtube.oauth';

describe('YouTubeOAuthProvider', () => {
  let fake: FakeNetwork;
  let provider: YouTubeOAuthProvider;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new YouTubeOAuthProvider({
      clientId: 'app.apps.googleusercontent.com',
      clientSecret: 'shh',
      apiBaseUrl: fake.url,
      authBaseUrl: fake.url,
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('asks for offline access, consent, the three scopes and a PKCE challenge', () => {
    const url = new URL(
      provider.authorizeUrl({ state: 'st-1', redirectUri: 'https://app.example/cb', codeChallenge: 'chal' }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'app.apps.googleusercontent.com',
      redirect_uri: 'https://app.example/cb',
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      state: 'st-1',
      code_challenge: 'chal',
      code_challenge_method: 'S256',
      scope: YOUTUBE_SCOPES.join(' '),
    });
  });

  it('exchanges the code with the verifier and reads tokens, expiry and granted scopes', async () => {
    fake.on('POST', '/token', {
      json: {
        access_token: 'ya29.a',
        refresh_token: '1//refresh',
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
        token_type: 'Bearer',
      },
    });

    const tokens = await provider.exchangeCode({
      code: 'c-1',
      redirectUri: 'https://app.example/cb',
      codeVerifier: 'v-1',
    });

    expect(tokens).toMatchObject({ accessToken: 'ya29.a', refreshToken: '1//refresh' });
    expect(tokens.scopes).toEqual(YOUTUBE_SCOPES.slice(0, 2));
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(Object.fromEntries(readForm(fake.received[0]))).toMatchObject({
      code: 'c-1',
      code_verifier: 'v-1',
      grant_type: 'authorization_code',
      redirect_uri: 'https://app.example/cb',
      client_id: 'app.apps.googleusercontent.com',
    });
  });

  it('refreshes and keeps the refresh token Google does not resend; a revoked one needs the person', async () => {
    fake.on('POST', '/token', { json: { access_token: 'ya29.b', expires_in: 3599 } });
    const tokens = await provider.refresh('1//refresh');
    expect(tokens).toMatchObject({ accessToken: 'ya29.b', refreshToken: '1//refresh' });
    expect(Object.fromEntries(readForm(fake.received[0]))).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: '1//refresh',
    });

    fake.on('POST', '/token', {
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect((await failureOf(provider.refresh('1//revoked'))).kind).toBe('reauth');
  });

  it('lists the channels of the grant', async () => {
    fake.on('GET', '/youtube/v3/channels', {
      json: {
        items: [
          { id: 'UC1', snippet: { title: 'Tiny Kitchen' } },
          { id: 'UC2', snippet: { title: 'Tiny Garden' } },
        ],
      },
    });

    expect(
      await provider.listAccounts({ accessToken: 'ya29.a', refreshToken: null, expiresAt: null, scopes: [] }),
    ).toEqual([
      { externalAccountId: 'UC1', name: 'Tiny Kitchen' },
      { externalAccountId: 'UC2', name: 'Tiny Garden' },
    ]);
    expect(fake.received[0].query.get('mine')).toBe('true');
    expect(fake.received[0].headers.authorization).toBe('Bearer ya29.a');
  });
});
