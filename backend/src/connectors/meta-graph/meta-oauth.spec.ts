import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorFailure } from '../connector';
import { FakeGraphServer, graphError } from '../../testing/fake-graph-server';
import { facebookOAuthProvider, instagramOAuthProvider } from './meta-oauth';

const now = new Date('2026-11-25T10:00:00Z');
const tokens = { accessToken: 'user-long', refreshToken: null, expiresAt: null, scopes: [] };

describe('Meta OAuth (Facebook Login for Pages and Instagram)', () => {
  let fake: FakeGraphServer;
  let endpoints: { apiBaseUrl: string; authBaseUrl: string; clientId: string; clientSecret: string };

  beforeAll(async () => {
    fake = await FakeGraphServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    endpoints = {
      apiBaseUrl: fake.apiBaseUrl,
      authBaseUrl: 'https://www.facebook.com/v21.0',
      clientId: 'app-1',
      clientSecret: 's3cret',
    };
  });

  it('sends the person to the login dialog with state and the scopes publishing needs', () => {
    const url = new URL(
      facebookOAuthProvider(endpoints).authorizeUrl({
        state: 'st',
        redirectUri: 'https://app/cb',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://www.facebook.com/v21.0/dialog/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-1',
      redirect_uri: 'https://app/cb',
      state: 'st',
      scope: 'pages_show_list,pages_read_engagement,pages_manage_posts,read_insights',
      response_type: 'code',
    });
  });

  it('exchanges the code for a long-lived token and reads which permissions were granted', async () => {
    fake.on(
      'GET',
      '/oauth/access_token',
      { body: { access_token: 'user-short', token_type: 'bearer', expires_in: 7200 } },
      { body: { access_token: 'user-long', token_type: 'bearer', expires_in: 5_184_000 } },
    );
    fake.on('GET', '/me/permissions', {
      body: {
        data: [
          { permission: 'pages_show_list', status: 'granted' },
          { permission: 'pages_manage_posts', status: 'declined' },
        ],
      },
    });
    const provider = facebookOAuthProvider(endpoints, { now: () => now });
    const result = await provider.exchangeCode({ code: 'c0de', redirectUri: 'https://app/cb' });

    expect(result).toEqual({
      accessToken: 'user-long',
      refreshToken: null,
      expiresAt: new Date(now.getTime() + 5_184_000_000),
      scopes: ['pages_show_list'],
    });
    const [short, long] = fake.callsTo('GET', '/oauth/access_token');
    expect(short.params).toMatchObject({ client_id: 'app-1', client_secret: 's3cret', code: 'c0de' });
    expect(long.params).toMatchObject({ grant_type: 'fb_exchange_token', fb_exchange_token: 'user-short' });
    expect(fake.callsTo('GET', '/me/permissions')[0].headers.authorization).toBe('OAuth user-long');
  });

  it('reports a refused code as an auth failure', async () => {
    fake.on('GET', '/oauth/access_token', graphError(100, 'Invalid verification code format.'));
    const exchange = facebookOAuthProvider(endpoints).exchangeCode({ code: 'x', redirectUri: 'r' });
    await expect(exchange).rejects.toBeInstanceOf(ConnectorFailure);
  });

  it('offers every managed Page with its own Page token, following pagination', async () => {
    fake.on(
      'GET',
      '/me/accounts',
      {
        body: {
          data: [{ id: 'p1', name: 'Bakery', access_token: 'pt1' }],
          paging: { cursors: { after: 'A' }, next: 'more' },
        },
      },
      { body: { data: [{ id: 'p2', name: 'Cafe', access_token: 'pt2' }], paging: { cursors: { after: 'B' } } } },
    );
    const pages = await facebookOAuthProvider(endpoints).listAccounts(tokens);
    expect(pages).toEqual([
      { externalAccountId: 'p1', name: 'Bakery', accessToken: 'pt1' },
      { externalAccountId: 'p2', name: 'Cafe', accessToken: 'pt2' },
    ]);
    expect(fake.callsTo('GET', '/me/accounts')[1].params.after).toBe('A');
  });

  it('offers only the Instagram professional accounts linked to a Page, reached with that Page token', async () => {
    fake.on('GET', '/me/accounts', {
      body: {
        data: [
          {
            id: 'p1',
            name: 'Bakery',
            access_token: 'pt1',
            instagram_business_account: { id: 'ig1', username: 'bakery' },
          },
          { id: 'p2', name: 'No Instagram', access_token: 'pt2' },
        ],
      },
    });
    const accounts = await instagramOAuthProvider(endpoints).listAccounts(tokens);
    expect(accounts).toEqual([{ externalAccountId: 'ig1', name: 'bakery', accessToken: 'pt1' }]);
    expect(fake.callsTo('GET', '/me/accounts')[0].params.fields).toContain('instagram_business_account');
  });

  it('has no server-side refresh: the person reconnects', async () => {
    await expect(facebookOAuthProvider(endpoints).refresh()).resolves.toBeNull();
  });
});
