import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorFailure } from '../connector';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { codeChallengeS256, createCodeVerifier } from '../oauth2/pkce';
import { X_SCOPES, XOAuthProvider } from './x.oauth';

const tokenAnswer = {
  token_type: 'bearer',
  expires_in: 7200,
  access_token: 'access-1',
  scope: 'tweet.write users.read tweet.read offline.access',
  refresh_token: 'refresh-1',
};

describe('XOAuthProvider', () => {
  let fake: FakeNetwork;
  let provider: XOAuthProvider;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new XOAuthProvider({
      apiBaseUrl: fake.url,
      authBaseUrl: 'https://x.test',
      clientId: 'client-1',
      clientSecret: 's3cret',
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('builds the authorize URL with state and the S256 challenge of the verifier', () => {
    const verifier = createCodeVerifier();

    const url = new URL(
      provider.authorizeUrl({
        state: 'state-42',
        redirectUri: 'https://app.test/cb',
        codeChallenge: codeChallengeS256(verifier),
      }),
    );

    expect(`${url.origin}${url.pathname}`).toBe('https://x.test/i/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://app.test/cb',
      scope: 'tweet.read tweet.write users.read offline.access media.write',
      state: 'state-42',
      code_challenge: codeChallengeS256(verifier),
      code_challenge_method: 'S256',
    });
    expect(provider.usesPkce).toBe(true);
  });

  it('exchanges the code with Basic client auth and the verifier, reading the granted scopes', async () => {
    fake.on('POST', '/2/oauth2/token', { json: tokenAnswer });
    const before = Date.now();

    const tokens = await provider.exchangeCode({
      code: 'code-1',
      redirectUri: 'https://app.test/cb',
      codeVerifier: 'verifier-1',
    });

    const [sent] = fake.received;
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('client-1:s3cret').toString('base64')}`);
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(readForm(sent))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: 'https://app.test/cb',
      code_verifier: 'verifier-1',
      client_id: 'client-1',
    });
    expect(tokens).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    expect(tokens.scopes).toEqual(['tweet.write', 'users.read', 'tweet.read', 'offline.access']);
    expect(X_SCOPES.filter((s) => !tokens.scopes.includes(s))).toEqual(['media.write']);
    expect(tokens.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 7200_000);
  });

  it('refreshes with the refresh token and takes the rotated one', async () => {
    fake.on('POST', '/2/oauth2/token', {
      json: { ...tokenAnswer, access_token: 'access-2', refresh_token: 'refresh-2' },
    });

    const tokens = await provider.refresh('refresh-1');

    expect(Object.fromEntries(readForm(fake.received[0]))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'client-1',
    });
    expect(tokens).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('asks for reconnection when the refresh token is spent', async () => {
    fake.on('POST', '/2/oauth2/token', {
      status: 400,
      json: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' },
    });

    const failure = await provider.refresh('old').catch((e: unknown) => (e as ConnectorFailure).failure);

    expect(failure).toEqual({
      kind: 'reauth',
      reason: 'the authorization was refused (invalid_request): Value passed for the token was invalid.',
    });
  });

  it('reports refused app credentials as configuration, not reconnection', async () => {
    fake.on('POST', '/2/oauth2/token', {
      status: 401,
      json: { error: 'invalid_client', error_description: 'Missing valid authorization header' },
    });

    const failure = await provider.refresh('r').catch((e: unknown) => (e as ConnectorFailure).failure);

    expect(failure).toMatchObject({ kind: 'bad-request' });
  });

  it('lists the authorizing user as the account', async () => {
    fake.on('GET', '/2/users/me', { json: { data: { id: '2244994945', name: 'X Dev', username: 'XDevelopers' } } });

    const accounts = await provider.listAccounts({
      accessToken: 'access-1',
      refreshToken: null,
      expiresAt: null,
      scopes: [],
    });

    expect(accounts).toEqual([{ externalAccountId: '2244994945', name: '@XDevelopers' }]);
    expect(fake.received[0].headers.authorization).toBe('Bearer access-1');
  });
});
