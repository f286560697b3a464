import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorFailure } from '../connector';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { LinkedInOAuthProvider } from './linkedin.oauth';

const tokenAnswer = {
  access_token: 'AQUvlL_DYEzvT2wz1QJiEPeLioeA',
  expires_in: 5184000,
  refresh_token: 'AQWAft_WjYZKwuWXLC5hQlghgTam',
  refresh_token_expires_in: 525600,
  scope: 'openid,profile,w_member_social',
  token_type: 'Bearer',
};

describe('LinkedInOAuthProvider', () => {
  let fake: FakeNetwork;
  let provider: LinkedInOAuthProvider;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new LinkedInOAuthProvider({
      apiBaseUrl: fake.url,
      authBaseUrl: fake.url,
      clientId: 'li-client',
      clientSecret: 'li-secret',
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('builds the authorize URL with state and scopes, without PKCE', () => {
    const url = new URL(
      provider.authorizeUrl({ state: 'state-7', redirectUri: 'https://app.test/cb', codeChallenge: null }),
    );

    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth/v2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'li-client',
      redirect_uri: 'https://app.test/cb',
      state: 'state-7',
      scope: 'openid profile w_member_social',
    });
    expect(provider.usesPkce).toBe(false);
  });

  it('exchanges the code with the client secret in the form and reads comma-separated scopes', async () => {
    fake.on('POST', '/oauth/v2/accessToken', { json: tokenAnswer });
    const before = Date.now();

    const tokens = await provider.exchangeCode({
      code: 'code-9',
      redirectUri: 'https://app.test/cb',
      codeVerifier: null,
    });

    const [sent] = fake.received;
    expect(sent.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(readForm(sent))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-9',
      redirect_uri: 'https://app.test/cb',
      client_id: 'li-client',
      client_secret: 'li-secret',
    });
    expect(tokens).toMatchObject({
      accessToken: tokenAnswer.access_token,
      refreshToken: tokenAnswer.refresh_token,
      scopes: ['openid', 'profile', 'w_member_social'],
    });
    expect(tokens.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 5184000_000);
  });

  it('refreshes, keeping the refresh token when LinkedIn does not send a new one', async () => {
    fake.on('POST', '/oauth/v2/accessToken', {
      json: { access_token: 'fresh', expires_in: 5184000, scope: 'openid,profile' },
    });

    const tokens = await provider.refresh('refresh-1');

    expect(Object.fromEntries(readForm(fake.received[0]))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'li-client',
      client_secret: 'li-secret',
    });
    expect(tokens).toMatchObject({ accessToken: 'fresh', refreshToken: 'refresh-1', scopes: ['openid', 'profile'] });
  });

  it('asks for reconnection when the refresh token has expired', async () => {
    fake.on('POST', '/oauth/v2/accessToken', {
      status: 400,
      json: { error: 'invalid_request', error_description: 'The provided refresh token is invalid or expired' },
    });
    const failure = await provider.refresh('old').catch((e: unknown) => (e as ConnectorFailure).failure);
    expect(failure).toMatchObject({ kind: 'reauth' });
  });

  it('lists the member as a person urn from userinfo', async () => {
    fake.on('GET', '/v2/userinfo', {
      json: { sub: '782bbtaQ', name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', locale: 'en-US' },
    });

    const accounts = await provider.listAccounts({
      accessToken: 'tok',
      refreshToken: null,
      expiresAt: null,
      scopes: [],
    });

    expect(accounts).toEqual([{ externalAccountId: 'urn:li:person:782bbtaQ', name: 'Ada Lovelace' }]);
    expect(fake.received[0].headers.authorization).toBe('Bearer tok');
  });
});
