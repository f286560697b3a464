import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { GOOGLE_DEFAULT_URLS, googleServiceUrl } from '../google/google-hosts';
import { GoogleBusinessOAuthProvider } from './google-business.oauth';

const tokens = { accessToken: 'ya29.a0Af', refreshToken: '1//0g-refresh', expiresAt: null, scopes: [] };

describe('GoogleBusinessOAuthProvider', () => {
  let fake: FakeNetwork;
  let provider: GoogleBusinessOAuthProvider;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new GoogleBusinessOAuthProvider({
      apiBaseUrl: fake.url,
      authBaseUrl: `${fake.url}/accounts`,
      clientId: '123-abc.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-secret',
    });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('reaches each Google API on its own host unless one base URL overrides them all', () => {
    expect(googleServiceUrl(GOOGLE_DEFAULT_URLS.apiBaseUrl, 'mybusiness')).toBe('https://mybusiness.googleapis.com');
    expect(googleServiceUrl('http://127.0.0.1:9/', 'mybusiness')).toBe('http://127.0.0.1:9');
  });

  it('asks for business.manage with offline access, consent and PKCE', () => {
    const url = new URL(
      provider.authorizeUrl({ state: 's-2', redirectUri: 'https://app.test/cb', codeChallenge: 'challenge-1' }),
    );

    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/accounts/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '123-abc.apps.googleusercontent.com',
      redirect_uri: 'https://app.test/cb',
      scope: 'https://www.googleapis.com/auth/business.manage',
      state: 's-2',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
    expect(provider.usesPkce).toBe(true);
  });

  it('exchanges the code with the verifier and client secret, reading Google’s space-separated scopes', async () => {
    fake.on('POST', '/token', {
      json: {
        access_token: 'ya29.a0Af',
        expires_in: 3599,
        refresh_token: '1//0g-refresh',
        scope: 'https://www.googleapis.com/auth/business.manage openid',
        token_type: 'Bearer',
      },
    });

    const set = await provider.exchangeCode({ code: '4/0Ad', redirectUri: 'https://app.test/cb', codeVerifier: 'v-1' });

    expect(Object.fromEntries(readForm(fake.received[0]))).toEqual({
      grant_type: 'authorization_code',
      code: '4/0Ad',
      redirect_uri: 'https://app.test/cb',
      code_verifier: 'v-1',
      client_id: '123-abc.apps.googleusercontent.com',
      client_secret: 'GOCSPX-secret',
    });
    expect(set).toMatchObject({
      accessToken: 'ya29.a0Af',
      refreshToken: '1//0g-refresh',
      scopes: ['https://www.googleapis.com/auth/business.manage', 'openid'],
    });
  });

  it('refreshes keeping the refresh token (Google sends none back); a revoked one needs the person', async () => {
    fake.on('POST', '/token', { json: { access_token: 'ya29.new', expires_in: 3599, token_type: 'Bearer' } });
    expect(await provider.refresh('1//0g-refresh')).toMatchObject({
      accessToken: 'ya29.new',
      refreshToken: '1//0g-refresh',
    });

    fake.on('POST', '/token', {
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    expect((await failureOf(provider.refresh('1//0g-revoked'))).kind).toBe('reauth');
  });

  it('lists every location of every business account as an account of its own', async () => {
    fake
      .on('GET', '/v1/accounts', (request) =>
        request.query.get('pageToken') === 'p2'
          ? { json: { accounts: [{ name: 'accounts/222', accountName: 'Second Co', type: 'LOCATION_GROUP' }] } }
          : {
              json: {
                accounts: [{ name: 'accounts/111', accountName: 'Greenleaf Kitchen', type: 'PERSONAL' }],
                nextPageToken: 'p2',
              },
            },
      )
      .on('GET', '/v1/accounts/111/locations', {
        json: {
          locations: [
            {
              name: 'locations/9001',
              title: 'Greenleaf Kitchen',
              storefrontAddress: { locality: 'Wellington' },
              metadata: { mapsUri: 'https://maps.google.com/maps?cid=1' },
            },
            { name: 'locations/9002', title: 'Greenleaf Express' },
          ],
        },
      })
      .on('GET', '/v1/accounts/222/locations', { json: {} });

    const accounts = await provider.listAccounts(tokens);

    expect(accounts).toEqual([
      {
        externalAccountId: 'accounts/111/locations/9001',
        name: 'Greenleaf Kitchen (Wellington)',
        settings: {
          businessAccount: 'accounts/111',
          businessAccountName: 'Greenleaf Kitchen',
          location: 'locations/9001',
          title: 'Greenleaf Kitchen',
          mapsUri: 'https://maps.google.com/maps?cid=1',
        },
      },
      {
        externalAccountId: 'accounts/111/locations/9002',
        name: 'Greenleaf Express',
        settings: {
          businessAccount: 'accounts/111',
          businessAccountName: 'Greenleaf Kitchen',
          location: 'locations/9002',
          title: 'Greenleaf Express',
          mapsUri: null,
        },
      },
    ]);
    expect(fake.to('GET', '/v1/accounts/111/locations')[0].query.get('readMask')).toBe(
      'name,title,storefrontAddress,metadata',
    );
    expect(fake.received.every((r) => r.path === '/token' || r.headers.authorization === 'Bearer ya29.a0Af')).toBe(
      true,
    );
  });

  it('asks for reconnection when Google refuses the scope (403 PERMISSION_DENIED)', async () => {
    fake.on('GET', '/v1/accounts', {
      status: 403,
      json: {
        error: {
          code: 403,
          message: 'Request had insufficient authentication scopes.',
          status: 'PERMISSION_DENIED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }],
        },
      },
    });

    const failure = await failureOf(provider.listAccounts(tokens));

    expect(failure.kind).toBe('reauth');
    expect(failure.reason).toContain('insufficient authentication scopes');
  });
});
