import type { GrantedAccount, OAuthProvider, TokenSet } from '../connector';
import { isObject, stringField } from '../meta-graph/graph-body';
import { GraphClient, GraphClientOptions } from '../meta-graph/graph-client';
import { threadsGraph, threadsOAuthGraph, ThreadsEndpoints } from './threads.api';

/** What publishing, replies control and insights need. */
export const THREADS_SCOPES = [
  'threads_basic',
  'threads_content_publish',
  'threads_manage_insights',
  'threads_manage_replies',
];

const readToken = (body: unknown) => {
  const accessToken = stringField(body, 'access_token');
  const expiresIn = isObject(body) && typeof body.expires_in === 'number' ? body.expires_in : null;
  return accessToken ? { accessToken, expiresIn } : undefined;
};

/**
 * Threads login: code → short-lived token (1 h) → long-lived token (60 days). A long-lived token is
 * renewed with itself (th_refresh_token), so it is also kept as the refresh token.
 */
export class ThreadsOAuthProvider implements OAuthProvider {
  readonly network = 'threads' as const;
  readonly usesPkce = false;
  readonly requiredScopes = THREADS_SCOPES;
  private readonly oauth: GraphClient;
  private readonly graph: GraphClient;
  private readonly now: () => Date;

  constructor(
    private readonly endpoints: ThreadsEndpoints,
    options: GraphClientOptions = {},
  ) {
    this.oauth = threadsOAuthGraph(endpoints, options);
    this.graph = threadsGraph(endpoints, options);
    this.now = options.now ?? (() => new Date());
  }

  authorizeUrl(input: { state: string; redirectUri: string }): string {
    const url = new URL(`${this.endpoints.authBaseUrl.replace(/\/+$/, '')}/oauth/authorize`);
    url.searchParams.set('client_id', this.endpoints.clientId);
    url.searchParams.set('redirect_uri', input.redirectUri);
    url.searchParams.set('scope', THREADS_SCOPES.join(','));
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('state', input.state);
    return url.toString();
  }

  async exchangeCode(input: { code: string; redirectUri: string }): Promise<TokenSet> {
    const short = await this.oauth.post(
      '/oauth/access_token',
      '',
      {
        client_id: this.endpoints.clientId,
        client_secret: this.endpoints.clientSecret,
        grant_type: 'authorization_code',
        redirect_uri: input.redirectUri,
        code: input.code,
      },
      readToken,
    );
    const params = {
      grant_type: 'th_exchange_token',
      client_secret: this.endpoints.clientSecret,
      access_token: short.accessToken,
    };
    return this.tokenSet(await this.oauth.get('/access_token', null, params, readToken));
  }

  /** Renews a long-lived token that is at least a day old and not yet expired. */
  async refresh(refreshToken: string): Promise<TokenSet | null> {
    const params = { grant_type: 'th_refresh_token', access_token: refreshToken };
    return this.tokenSet(await this.oauth.get('/refresh_access_token', null, params, readToken));
  }

  async listAccounts(tokens: TokenSet): Promise<GrantedAccount[]> {
    const me = await this.graph.get('/me', tokens.accessToken, { fields: 'id,username,name' }, (body) =>
      stringField(body, 'id') ? (body as Record<string, unknown>) : undefined,
    );
    const id = stringField(me, 'id')!;
    const username = stringField(me, 'username');
    return [{ externalAccountId: id, name: username ? `@${username}` : (stringField(me, 'name') ?? id) }];
  }

  /** Threads answers no granted scopes; a missing one shows as a permission error (code 10) on use. */
  private tokenSet(token: { accessToken: string; expiresIn: number | null }): TokenSet {
    return {
      accessToken: token.accessToken,
      refreshToken: token.accessToken,
      expiresAt: token.expiresIn === null ? null : new Date(this.now().getTime() + token.expiresIn * 1000),
      scopes: THREADS_SCOPES,
    };
  }
}
