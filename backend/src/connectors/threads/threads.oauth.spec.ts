import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeGraphServer, graphError } from '../../testing/fake-graph-server';
import { THREADS_SCOPES, ThreadsOAuthProvider } from './threads.oauth';

const NOW = new Date('2026-12-03T12:00:00Z');

describe('ThreadsOAuthProvider', () => {
  let graph: FakeGraphServer;
  let provider: ThreadsOAuthProvider;

  beforeAll(async () => {
    graph = await FakeGraphServer.start('v1.0');
    provider = new ThreadsOAuthProvider(
      {
        apiBaseUrl: graph.origin,
        authBaseUrl: 'https://threads.test',
        clientId: 'meta-app',
        clientSecret: 'meta-secret',
      },
      { now: () => NOW },
    );
  });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  it('sends the person to threads.net with the four Threads permissions', () => {
    const url = new URL(provider.authorizeUrl({ state: 's1', redirectUri: 'http://app.test/cb' }));
    expect(url.origin + url.pathname).toBe('https://threads.test/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'meta-app',
      redirect_uri: 'http://app.test/cb',
      scope: 'threads_basic,threads_content_publish,threads_manage_insights,threads_manage_replies',
      response_type: 'code',
      state: 's1',
    });
  });

  it('exchanges the code, then the short-lived token for a 60-day one kept as its own refresh token', async () => {
    graph
      .on('POST', '/oauth/access_token', { body: { access_token: 'short', user_id: 1789 } })
      .on('GET', '/access_token', { body: { access_token: 'long', token_type: 'bearer', expires_in: 5_184_000 } });

    const tokens = await provider.exchangeCode({ code: 'c1', redirectUri: 'http://app.test/cb' });

    expect(graph.callsTo('POST', '/oauth/access_token')[0].params).toEqual({
      client_id: 'meta-app',
      client_secret: 'meta-secret',
      grant_type: 'authorization_code',
      redirect_uri: 'http://app.test/cb',
      code: 'c1',
    });
    expect(graph.callsTo('GET', '/access_token')[0].params).toEqual({
      grant_type: 'th_exchange_token',
      client_secret: 'meta-secret',
      access_token: 'short',
    });
    expect(tokens).toEqual({
      accessToken: 'long',
      refreshToken: 'long',
      expiresAt: new Date(NOW.getTime() + 5_184_000_000),
      scopes: THREADS_SCOPES,
    });
  });

  it('renews a long-lived token with th_refresh_token', async () => {
    graph.on('GET', '/refresh_access_token', { body: { access_token: 'renewed', expires_in: 5_184_000 } });

    const tokens = await provider.refresh('long');

    expect(graph.callsTo('GET', '/refresh_access_token')[0].params).toEqual({
      grant_type: 'th_refresh_token',
      access_token: 'long',
    });
    expect(tokens).toMatchObject({ accessToken: 'renewed', refreshToken: 'renewed' });
  });

  it('a refused renewal (expired token, code 190) asks for a reconnect', async () => {
    graph.on('GET', '/refresh_access_token', graphError(190, 'Session has expired'));
    expect((await failureOf(provider.refresh('old'))).kind).toBe('reauth');
  });

  it('lists the Threads profile the token is for', async () => {
    graph.on('GET', '/me', { body: { id: '1789', username: 'ada', name: 'Ada' } });

    const accounts = await provider.listAccounts({
      accessToken: 'long',
      refreshToken: 'long',
      expiresAt: null,
      scopes: [],
    });

    expect(accounts).toEqual([{ externalAccountId: '1789', name: '@ada' }]);
    expect(graph.callsTo('GET', '/me')[0].headers.authorization).toBe('OAuth long');
  });
});
