import type { NetworkEndpoints, OAuthProvider, TokenSet } from '../connector';
import { callNetworkJson, requireString } from '../oauth2/network-http';
import { requestTokens } from '../oauth2/token-endpoint';
import { LINKEDIN_LABEL } from './linkedin.api';
import { classifyLinkedInFailure } from './linkedin.errors';

/** Sign In with LinkedIn (OpenID Connect) for the member's identity, w_member_social to post. */
export const LINKEDIN_SCOPES = ['openid', 'profile', 'w_member_social'];

export const LINKEDIN_DEFAULT_URLS = {
  apiBaseUrl: 'https://api.linkedin.com',
  authBaseUrl: 'https://www.linkedin.com',
};

/**
 * LinkedIn's 3-legged OAuth 2 for web apps. LinkedIn offers PKCE only to native clients it
 * enables on request, so this flow does without it and authenticates with the client secret.
 */
export class LinkedInOAuthProvider implements OAuthProvider {
  readonly network = 'linkedin' as const;
  readonly usesPkce = false;
  readonly requiredScopes = LINKEDIN_SCOPES;

  constructor(private readonly endpoints: NetworkEndpoints) {}

  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.endpoints.clientId,
      redirect_uri: input.redirectUri,
      state: input.state,
      scope: LINKEDIN_SCOPES.join(' '),
    });
    return `${this.authBase()}/oauth/v2/authorization?${query}`;
  }

  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    return this.tokens({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri });
  }

  /** Refresh tokens are issued to approved apps only; others never get one to refresh with. */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken);
  }

  /** The member behind the grant, from OpenID userinfo; their `sub` is the person urn's id. */
  async listAccounts(tokens: TokenSet): Promise<Array<{ externalAccountId: string; name: string }>> {
    const body = await callNetworkJson(
      `${this.endpoints.apiBaseUrl.replace(/\/$/, '')}/v2/userinfo`,
      { headers: { authorization: `Bearer ${tokens.accessToken}` } },
      classifyLinkedInFailure,
      LINKEDIN_LABEL,
    );
    const sub = requireString(body, 'sub', LINKEDIN_LABEL);
    return [{ externalAccountId: `urn:li:person:${sub}`, name: requireString(body, 'name', LINKEDIN_LABEL) }];
  }

  private tokens(grant: Record<string, string>, currentRefreshToken?: string): Promise<TokenSet> {
    return requestTokens({
      label: `${LINKEDIN_LABEL} token endpoint`,
      tokenUrl: `${this.authBase()}/oauth/v2/accessToken`,
      clientId: this.endpoints.clientId,
      clientSecret: this.endpoints.clientSecret,
      authentication: 'form',
      grant,
      requestedScopes: LINKEDIN_SCOPES,
      currentRefreshToken,
    });
  }

  private authBase(): string {
    return this.endpoints.authBaseUrl.replace(/\/$/, '');
  }
}
