import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorFailure, CredentialsRejectedError } from '../connector';
import { FakeNetwork } from '../../testing/fake-network';
import { WordPressCredentialsProvider } from './wordpress.credentials';
import { siteOf } from './wordpress.site';

const me = (capabilities: Record<string, boolean>) => ({ id: 2, name: 'Ada &amp; Co', capabilities });
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CredentialsRejectedError);
  return error as CredentialsRejectedError;
};

describe('WordPressCredentialsProvider', () => {
  let fake: FakeNetwork;
  let provider: WordPressCredentialsProvider;
  const credentials = (overrides: Record<string, string> = {}) => ({
    siteUrl: `${fake.url}/blog/`,
    username: 'ada',
    applicationPassword: 'abcd efgh ijkl',
    ...overrides,
  });

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new WordPressCredentialsProvider({ allowPrivate: true });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  /** A site with plain permalinks: its discovery link routes through rest_route. */
  const plainPermalinkSite = (user: object | ((auth: string | undefined) => { status: number; json: unknown })) =>
    fake
      .on('GET', '/blog/some-post/', {
        text: '<html></html>',
        headers: { link: `<${fake.url}/blog/index.php?rest_route=/>; rel="https://api.w.org/"` },
      })
      .on('GET', '/blog/', {
        text: '<html></html>',
        headers: { link: `<${fake.url}/blog/index.php?rest_route=/>; rel="https://api.w.org/"` },
      })
      .on('GET', '/blog/index.php', (r) =>
        r.query.get('rest_route') === '/'
          ? { json: { name: 'Ada&#8217;s Kitchen', home: `${fake.url}/blog` } }
          : typeof user === 'function'
            ? user(r.headers.authorization)
            : { json: user },
      );

  it("finds the REST root from any page's discovery link; the account is the site's home and user", async () => {
    plainPermalinkSite(me({ edit_posts: true, publish_posts: true, upload_files: true, manage_categories: false }));

    const [account] = await provider.verify(credentials({ siteUrl: `${fake.url}/blog/some-post/` }));

    expect(account).toMatchObject({
      externalAccountId: `${fake.url}/blog#user-2`,
      name: 'Ada’s Kitchen (Ada & Co)',
      tokens: { refreshToken: null, expiresAt: null },
      settings: { siteName: 'Ada’s Kitchen', userId: 2, canPublish: true, canUpload: true, canCreateTerms: false },
    });
    expect(siteOf(account.tokens.accessToken)).toEqual({
      siteUrl: `${fake.url}/blog`,
      username: 'ada',
      applicationPassword: 'abcd efgh ijkl',
      apiRoot: `${fake.url}/blog/index.php?rest_route=/`,
    });
    const asked = fake.received.find((r) => r.query.get('rest_route') === '/wp/v2/users/me');
    expect(asked?.query.get('context')).toBe('edit');
    expect(asked?.headers.authorization).toBe(`Basic ${Buffer.from('ada:abcd efgh ijkl').toString('base64')}`);
  });

  it('a refused password is named on applicationPassword, an unknown user on username', async () => {
    plainPermalinkSite(() => ({
      status: 401,
      json: { code: 'incorrect_password', message: 'nope', data: { status: 401 } },
    }));
    expect((await refusal(provider.verify(credentials()))).field).toBe('applicationPassword');
    fake.reset();
    plainPermalinkSite(() => ({
      status: 401,
      json: { code: 'invalid_username', message: 'Unknown username.', data: { status: 401 } },
    }));
    expect((await refusal(provider.verify(credentials()))).field).toBe('username');
  });

  it('a user who may not write posts is refused on username', async () => {
    plainPermalinkSite(me({ read: true }));
    const error = await refusal(provider.verify(credentials()));
    expect(error.field).toBe('username');
    expect(error.message).toContain('may not write posts');
  });

  it('an address without the REST API, or that answers HTML, is refused on siteUrl', async () => {
    fake.on('GET', '/blog/', { text: '<html>not WordPress</html>' });
    const error = await refusal(provider.verify(credentials()));
    expect(error.field).toBe('siteUrl');
    expect(error.message).toContain('No WordPress REST API');
    fake.reset();
    fake.on('GET', '/blog/', { text: '' }).on('GET', '/blog/wp-json/', {
      status: 404,
      json: { code: 'rest_no_route', message: 'No route', data: { status: 404 } },
    });
    expect((await refusal(provider.verify(credentials()))).field).toBe('siteUrl');
  });

  it('missing fields and non-addresses are refused before any call; an unreachable site on siteUrl', async () => {
    expect((await refusal(provider.verify(credentials({ username: ' ' })))).field).toBe('username');
    expect((await refusal(provider.verify(credentials({ siteUrl: 'ftp://blog.example' })))).field).toBe('siteUrl');
    expect(fake.received).toHaveLength(0);
    expect((await refusal(provider.verify(credentials({ siteUrl: 'http://127.0.0.1:9' })))).field).toBe('siteUrl');
  });

  it('a site on a private network is refused unless the server allows private addresses', async () => {
    const guarded = new WordPressCredentialsProvider({ allowPrivate: false });
    const error = await refusal(guarded.verify(credentials()));
    expect(error.field).toBe('siteUrl');
    expect(error.message).toContain('private network');
  });

  it('a site answering 5xx is the network failing (retry), not the person', async () => {
    fake.on('GET', '/blog/', { text: '' }).on('GET', '/blog/wp-json/', { status: 503, text: 'busy' });
    const error = await provider.verify(credentials()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectorFailure);
    expect((error as ConnectorFailure).failure.kind).toBe('retry');
  });
});
