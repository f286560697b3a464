import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeNetwork, readForm } from '../../testing/fake-network';
import { PinterestOAuthProvider } from './pinterest.oauth';

/** Pinterest's token answer (POST /v5/oauth/token), scopes comma-separated as it sends them. */
const tokenAnswer = {
  access_token: 'pina_AMAZ2WYWADA',
  refresh_token: 'pinr_AMAZ2WYWADB',
  response_type: 'authorization_code',
  token_type: 'bearer',
  expires_in: 2592000,
  refresh_token_expires_in: 31536000,
  scope: 'boards:read,pins:read,pins:write,user_accounts:read',
};

describe('PinterestOAuthProvider', () => {
  let fake: FakeNetwork;
  let provider: PinterestOAuthProvider;
  const now = new Date('2026-12-03T10:00:00Z');

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new PinterestOAuthProvider(
      { apiBaseUrl: fake.url, authBaseUrl: `${fake.url}/web`, clientId: '1484362', clientSecret: 'pin-secret' },
      () => now,
    );
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('sends the person to Pinterest’s consent page with the four scopes, comma-separated', () => {
    const url = new URL(
      provider.authorizeUrl({ state: 's-1', redirectUri: 'https://app.test/cb', codeChallenge: null }),
    );

    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/web/oauth/`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: '1484362',
      redirect_uri: 'https://app.test/cb',
      scope: 'boards:read,pins:read,pins:write,user_accounts:read',
      state: 's-1',
    });
  });

  it('exchanges the code with HTTP Basic client authentication and reads the 30-day token', async () => {
    fake.on('POST', '/v5/oauth/token', { json: tokenAnswer });

    const tokens = await provider.exchangeCode({
      code: 'code-5',
      redirectUri: 'https://app.test/cb',
      codeVerifier: null,
    });

    const [sent] = fake.received;
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('1484362:pin-secret').toString('base64')}`);
    expect(Object.fromEntries(readForm(sent))).toEqual({
      grant_type: 'authorization_code',
      code: 'code-5',
      redirect_uri: 'https://app.test/cb',
      client_id: '1484362',
    });
    expect(tokens).toMatchObject({
      accessToken: 'pina_AMAZ2WYWADA',
      refreshToken: 'pinr_AMAZ2WYWADB',
      scopes: ['boards:read', 'pins:read', 'pins:write', 'user_accounts:read'],
    });
    expect(tokens.expiresAt!.getTime() - Date.now()).toBeGreaterThan(2591000 * 1000);
  });

  it('refreshes and keeps the refresh token when Pinterest hands out no new one', async () => {
    const { refresh_token: _dropped, ...withoutRefresh } = tokenAnswer;
    void _dropped;
    fake.on('POST', '/v5/oauth/token', { json: { ...withoutRefresh, access_token: 'pina_NEW' } });

    const tokens = await provider.refresh('pinr_AMAZ2WYWADB');

    expect(Object.fromEntries(readForm(fake.received[0]))).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'pinr_AMAZ2WYWADB',
    });
    expect(tokens).toMatchObject({ accessToken: 'pina_NEW', refreshToken: 'pinr_AMAZ2WYWADB' });
  });

  it('asks the person to reconnect when the refresh token was revoked (400 invalid_grant)', async () => {
    fake.on('POST', '/v5/oauth/token', {
      status: 400,
      json: { code: 1, message: 'Invalid refresh token', error: 'invalid_grant' },
    });

    expect((await failureOf(provider.refresh('pinr_revoked'))).kind).toBe('reauth');
  });

  it('lists the user with every board and its sections, read page by page, for the account’s settings', async () => {
    fake
      .on('GET', '/v5/user_account', {
        json: { id: '549755885175', username: 'greenleafkitchen', account_type: 'BUSINESS', follower_count: 10 },
      })
      .on('GET', '/v5/boards', (request) =>
        request.query.get('bookmark') === 'page-2'
          ? { json: { items: [{ id: '5003', name: 'Desserts', privacy: 'PUBLIC' }], bookmark: null } }
          : { json: { items: [{ id: '5001', name: 'Weeknight dinners', privacy: 'PUBLIC' }], bookmark: 'page-2' } },
      )
      .on('GET', '/v5/boards/5001/sections', { json: { items: [{ id: '7001', name: 'Pasta' }], bookmark: null } })
      .on('GET', '/v5/boards/5003/sections', { json: { items: [], bookmark: null } });

    const accounts = await provider.listAccounts({ ...tokenAnswerSet(), accessToken: 'pina_AMAZ2WYWADA' });

    expect(accounts).toEqual([
      {
        externalAccountId: '549755885175',
        name: 'greenleafkitchen',
        settings: {
          username: 'greenleafkitchen',
          boards: [
            { id: '5001', name: 'Weeknight dinners', sections: [{ id: '7001', name: 'Pasta' }] },
            { id: '5003', name: 'Desserts', sections: [] },
          ],
          boardsReadAt: now.toISOString(),
        },
      },
    ]);
    expect(fake.to('GET', '/v5/boards')[0].query.get('page_size')).toBe('250');
    expect(fake.received.every((r) => r.headers.authorization === 'Bearer pina_AMAZ2WYWADA')).toBe(true);
  });

  it('refuses to connect on an answer without the user’s name (malformed body)', async () => {
    fake.on('GET', '/v5/user_account', { json: { account_type: 'BUSINESS' } });

    expect(await failureOf(provider.listAccounts(tokenAnswerSet()))).toMatchObject({ kind: 'retry' });
  });
});

function tokenAnswerSet() {
  return { accessToken: 'pina_AMAZ2WYWADA', refreshToken: null, expiresAt: null, scopes: [] };
}
