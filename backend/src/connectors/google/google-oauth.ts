import type { GrantedAccount, NetworkEndpoints, OAuthProvider, TokenSet } from '../connector';
import type { NetworkId } from '../network-limits';
import { requestTokens } from '../oauth2/token-endpoint';
import { googleServiceUrl } from './google-hosts';

/**
 * Google's OAuth 2 for web server apps, shared by the Google networks (YouTube, Business Profile):
 * PKCE, offline access for a refresh token, and `prompt=consent` so reconnecting issues a new
 * one. Google keeps the refresh token on refresh; each network lists its own accounts.
 */
export abstract class GoogleOAuthProvider implements OAuthProvider {
  abstract readonly network: NetworkId;
  abstract readonly requiredScopes: string[];
  readonly usesPkce = true;

  constructor(protected readonly endpoints: NetworkEndpoints) {}

  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.endpoints.clientId,
      redirect_uri: input.redirectUri,
      scope: this.requiredScopes.join(' '),
      state: input.state,
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
    });
    if (input.codeChallenge) {
      query.set('code_challenge', input.codeChallenge);
      query.set('code_challenge_method', 'S256');
    }
    return `${this.endpoints.authBaseUrl.replace(/\/$/, '')}/o/oauth2/v2/auth?${query}`;
  }

  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    return this.tokens({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      ...(input.codeVerifier && { code_verifier: input.codeVerifier }),
    });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken);
  }

  abstract listAccounts(tokens: TokenSet): Promise<GrantedAccount[]>;

  private tokens(grant: Record<string, string>, currentRefreshToken?: string): Promise<TokenSet> {
    return requestTokens({
      label: 'Google token endpoint',
      tokenUrl: `${googleServiceUrl(this.endpoints.apiBaseUrl, 'oauth2')}/token`,
      clientId: this.endpoints.clientId,
      clientSecret: this.endpoints.clientSecret,
      authentication: 'form',
      grant,
      requestedScopes: this.requiredScopes,
      currentRefreshToken,
    });
  }
}
