import type { NetworkEndpoints, OAuthProvider, TokenSet } from '../connector';
import { requireString, valueAt } from '../oauth2/network-http';
import { requestTokens } from '../oauth2/token-endpoint';
import { PINTEREST_LABEL, PinterestApi } from './pinterest.api';
import { boardSettings, readBoards } from './pinterest.boards';

/** Boards to choose from, pins to create and read back, the account's own figures. */
export const PINTEREST_SCOPES = ['boards:read', 'pins:read', 'pins:write', 'user_accounts:read'];

/**
 * Pinterest OAuth 2 authorization code: consent on pinterest.com, tokens from the API's
 * /v5/oauth/token with HTTP Basic client authentication. Access tokens last 30 days and refresh
 * tokens a year; a refresh answer without a new refresh token keeps the old one.
 */
export class PinterestOAuthProvider implements OAuthProvider {
  readonly network = 'pinterest' as const;
  readonly usesPkce = false;
  readonly requiredScopes = PINTEREST_SCOPES;
  private readonly api: PinterestApi;

  constructor(
    private readonly endpoints: NetworkEndpoints,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.api = new PinterestApi(endpoints.apiBaseUrl);
  }

  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.endpoints.clientId,
      redirect_uri: input.redirectUri,
      scope: PINTEREST_SCOPES.join(','),
      state: input.state,
    });
    return `${this.endpoints.authBaseUrl.replace(/\/$/, '')}/oauth/?${query}`;
  }

  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    return this.tokens({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken);
  }

  /** The Pinterest user behind the grant, with its boards and sections kept in the account's settings. */
  async listAccounts(tokens: TokenSet) {
    const user = await this.api.json(tokens.accessToken, 'GET', '/user_account');
    const username = requireString(user, 'username', PINTEREST_LABEL);
    const id = valueAt(user, 'id');
    const boards = await readBoards(this.api, tokens.accessToken);
    return [
      {
        // Older answers carry no id; the username is unique and stable enough to key the account.
        externalAccountId: typeof id === 'string' && id ? id : username,
        name: username,
        settings: { username, ...boardSettings(boards, this.clock()) },
      },
    ];
  }

  private tokens(grant: Record<string, string>, currentRefreshToken?: string): Promise<TokenSet> {
    return requestTokens({
      label: `${PINTEREST_LABEL} token endpoint`,
      tokenUrl: this.api.url('/oauth/token'),
      clientId: this.endpoints.clientId,
      clientSecret: this.endpoints.clientSecret,
      authentication: 'basic',
      grant,
      requestedScopes: PINTEREST_SCOPES,
      currentRefreshToken,
    });
  }
}
