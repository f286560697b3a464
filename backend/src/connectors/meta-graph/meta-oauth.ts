import { NetworkEndpoints, OAuthProvider, TokenSet } from '../connector';
import { GraphObject, isObject, readList, readListPage, stringField } from './graph-body';
import { GraphClient, GraphClientOptions, GraphParams } from './graph-client';

/** What publishing to a Page needs (and reading its insights). */
export const FACEBOOK_PAGE_SCOPES = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'read_insights'];
/** Instagram through Facebook Login: the IG account is reached through the Page it is linked to. */
export const INSTAGRAM_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'pages_show_list',
  'pages_read_engagement',
];

/** Graph API and Login dialog hosts, pinned to one API version (Meta supports each for about two years). */
export const META_DEFAULT_URLS = {
  apiBaseUrl: 'https://graph.facebook.com/v23.0',
  authBaseUrl: 'https://www.facebook.com/v23.0',
};

/** Bounds how many pages of /me/accounts we follow (100 Pages each). */
const MAX_ACCOUNT_PAGES = 10;

const readToken = (body: unknown) => {
  const accessToken = stringField(body, 'access_token');
  const expiresIn = isObject(body) && typeof body.expires_in === 'number' ? body.expires_in : null;
  return accessToken ? { accessToken, expiresIn } : undefined;
};

type ConnectableAccount = { externalAccountId: string; name: string; accessToken?: string };

/**
 * Facebook Login for Facebook Pages and for Instagram professional accounts; the two differ
 * only in the scopes asked for and in which accounts a grant offers.
 */
export class MetaOAuthProvider implements OAuthProvider {
  /** Facebook Login's code flow is secured by the app secret, not PKCE. */
  readonly usesPkce = false;
  private readonly graph: GraphClient;
  private readonly now: () => Date;

  constructor(
    readonly network: 'facebook' | 'instagram',
    readonly requiredScopes: string[],
    private readonly endpoints: NetworkEndpoints,
    options: GraphClientOptions = {},
  ) {
    this.graph = new GraphClient(endpoints, options);
    this.now = options.now ?? (() => new Date());
  }

  authorizeUrl(input: { state: string; redirectUri: string }): string {
    const url = new URL(`${this.endpoints.authBaseUrl.replace(/\/+$/, '')}/dialog/oauth`);
    url.searchParams.set('client_id', this.endpoints.clientId);
    url.searchParams.set('redirect_uri', input.redirectUri);
    url.searchParams.set('state', input.state);
    url.searchParams.set('scope', this.requiredScopes.join(','));
    url.searchParams.set('response_type', 'code');
    return url.toString();
  }

  /** Code → short-lived user token (about 2 h) → long-lived one (about 60 days), then what was granted. */
  async exchangeCode(input: { code: string; redirectUri: string }): Promise<TokenSet> {
    const app = { client_id: this.endpoints.clientId, client_secret: this.endpoints.clientSecret };
    const params = { ...app, redirect_uri: input.redirectUri, code: input.code };
    const short = await this.graph.get('/oauth/access_token', null, params, readToken);
    const exchange = { ...app, grant_type: 'fb_exchange_token', fb_exchange_token: short.accessToken };
    const long = await this.graph.get('/oauth/access_token', null, exchange, readToken);
    return {
      accessToken: long.accessToken,
      refreshToken: null,
      expiresAt: long.expiresIn === null ? null : new Date(this.now().getTime() + long.expiresIn * 1000),
      scopes: await this.grantedScopes(long.accessToken),
    };
  }

  /**
   * Meta issues no refresh token and documents no server-side renewal of a long-lived user
   * token: the person reconnects. Page tokens obtained from it do not expire.
   */
  refresh(): Promise<TokenSet | null> {
    return Promise.resolve(null);
  }

  async listAccounts(tokens: TokenSet): Promise<ConnectableAccount[]> {
    const pages = await this.managedPages(tokens.accessToken);
    return this.network === 'facebook' ? pages.flatMap(pageAccount) : pages.flatMap(instagramAccount);
  }

  private async grantedScopes(accessToken: string): Promise<string[]> {
    const permissions = await this.graph.get('/me/permissions', accessToken, {}, readList);
    return permissions
      .filter((item) => item.status === 'granted')
      .flatMap((item) => stringField(item, 'permission') ?? []);
  }

  /** The Pages the person manages, each with its Page access token. */
  private async managedPages(accessToken: string): Promise<GraphObject[]> {
    const fields =
      this.network === 'facebook'
        ? 'id,name,access_token'
        : 'id,name,access_token,instagram_business_account{id,username}';
    const pages: GraphObject[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_ACCOUNT_PAGES; page++) {
      const params: GraphParams = { fields, limit: 100, after: after ?? undefined };
      const answer = await this.graph.get('/me/accounts', accessToken, params, readListPage);
      pages.push(...answer.items);
      after = answer.after;
      if (!after) break;
    }
    return pages;
  }
}

function pageAccount(page: GraphObject): ConnectableAccount[] {
  const id = stringField(page, 'id');
  return id
    ? [{ externalAccountId: id, name: stringField(page, 'name') ?? id, accessToken: stringField(page, 'access_token') }]
    : [];
}

/** Only Pages with a linked Instagram professional account offer one; its calls use the Page's token. */
function instagramAccount(page: GraphObject): ConnectableAccount[] {
  const id = stringField(page.instagram_business_account, 'id');
  if (!id) return [];
  const name = stringField(page.instagram_business_account, 'username') ?? stringField(page, 'name') ?? id;
  return [{ externalAccountId: id, name, accessToken: stringField(page, 'access_token') }];
}

export const facebookOAuthProvider = (endpoints: NetworkEndpoints, options?: GraphClientOptions) =>
  new MetaOAuthProvider('facebook', FACEBOOK_PAGE_SCOPES, endpoints, options);

export const instagramOAuthProvider = (endpoints: NetworkEndpoints, options?: GraphClientOptions) =>
  new MetaOAuthProvider('instagram', INSTAGRAM_SCOPES, endpoints, options);
