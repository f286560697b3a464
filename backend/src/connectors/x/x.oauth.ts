import type { NetworkEndpoints, OAuthProvider, TokenSet } from '../connector';
import { requireString } from '../oauth2/network-http';
import { requestTokens } from '../oauth2/token-endpoint';
import { X_LABEL, XApi } from './x.api';

/** offline.access brings the refresh token; media.write the v2 media upload. */
export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

/** Where X lives when nothing overrides it: people authorize on x.com, the API (and token endpoint) is api.x.com. */
export const X_DEFAULT_URLS = { apiBaseUrl: 'https://api.x.com', authBaseUrl: 'https://x.com' };

/**
 * X OAuth 2.0 authorization code with PKCE (S256) for a confidential client. `authBaseUrl` hosts
 * the authorize page; the token endpoint is part of the API, so it follows `apiBaseUrl`.
 */
export class XOAuthProvider implements OAuthProvider {
  readonly network = 'x' as const;
  readonly usesPkce = true;
  readonly requiredScopes = X_SCOPES;
  private readonly api: XApi;

  constructor(private readonly endpoints: NetworkEndpoints) {
    this.api = new XApi(endpoints.apiBaseUrl);
  }

  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    if (!input.codeChallenge) throw new TypeError('X OAuth 2.0 requires a PKCE code challenge');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.endpoints.clientId,
      redirect_uri: input.redirectUri,
      scope: X_SCOPES.join(' '),
      state: input.state,
      code_challenge: input.codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${trimSlash(this.endpoints.authBaseUrl)}/i/oauth2/authorize?${query}`;
  }

  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    if (!input.codeVerifier) throw new TypeError('X OAuth 2.0 requires the PKCE code verifier');
    return this.tokens({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
    });
  }

  /** X rotates refresh tokens: the answer's refresh token replaces the one sent. */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken);
  }

  async listAccounts(tokens: TokenSet): Promise<Array<{ externalAccountId: string; name: string }>> {
    const body = await this.api.json(tokens.accessToken, 'GET', '/2/users/me');
    const username = requireString(body, 'data.username', X_LABEL);
    return [{ externalAccountId: requireString(body, 'data.id', X_LABEL), name: `@${username}` }];
  }

  private tokens(grant: Record<string, string>, currentRefreshToken?: string): Promise<TokenSet> {
    return requestTokens({
      label: `${X_LABEL} token endpoint`,
      tokenUrl: `${trimSlash(this.endpoints.apiBaseUrl)}/2/oauth2/token`,
      clientId: this.endpoints.clientId,
      clientSecret: this.endpoints.clientSecret,
      authentication: 'basic',
      grant,
      requestedScopes: X_SCOPES,
      currentRefreshToken,
    });
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/$/, '');
}
