import {
  ConnectorFailure,
  type GrantedAccount,
  type NetworkEndpoints,
  type OAuthProvider,
  type TokenSet,
} from '../connector';
import { callNetworkJson, optionalCount, requireString, valueAt } from '../oauth2/network-http';
import { classifyTokenFailure, parseScopes } from '../oauth2/token-endpoint';
import { TIKTOK_LABEL, TikTokApi } from './tiktok.api';

/**
 * Profile and counts, direct posting, inbox uploads and reading videos (metrics). TikTok grants
 * each only to apps it approved for it; posting needs the first two.
 */
export const TIKTOK_SCOPES = ['user.info.basic', 'video.publish', 'video.upload', 'video.list', 'user.info.stats'];

/**
 * TikTok Login Kit for web: OAuth 2 with `client_key` in place of `client_id`. PKCE is for its
 * desktop and mobile apps; a web app proves itself with the client secret.
 */
export class TikTokOAuthProvider implements OAuthProvider {
  readonly network = 'tiktok' as const;
  readonly usesPkce = false;
  readonly requiredScopes = TIKTOK_SCOPES.slice(0, 2);

  constructor(private readonly endpoints: NetworkEndpoints) {}

  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    const query = new URLSearchParams({
      client_key: this.endpoints.clientId,
      scope: TIKTOK_SCOPES.join(','),
      response_type: 'code',
      redirect_uri: input.redirectUri,
      state: input.state,
    });
    return `${this.endpoints.authBaseUrl.replace(/\/+$/, '')}/v2/auth/authorize/?${query}`;
  }

  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    return this.tokens({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri });
  }

  /** TikTok rotates refresh tokens: each refresh answers a new one (valid a year). */
  refresh(refreshToken: string): Promise<TokenSet> {
    return this.tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken);
  }

  /** The creator behind the grant; their open_id is the account's id. */
  async listAccounts(tokens: TokenSet): Promise<GrantedAccount[]> {
    const api = new TikTokApi(this.endpoints.apiBaseUrl);
    const data = await api.json(tokens.accessToken, 'GET', '/v2/user/info/?fields=open_id,display_name,username');
    const openId = requireString(data, 'user.open_id', TIKTOK_LABEL);
    const name = valueAt(data, 'user.display_name');
    const username = valueAt(data, 'user.username');
    return [
      {
        externalAccountId: openId,
        name: typeof name === 'string' && name ? name : openId,
        ...(typeof username === 'string' && username && { settings: { username } }),
      },
    ];
  }

  private async tokens(grant: Record<string, string>, currentRefreshToken?: string): Promise<TokenSet> {
    const form = new URLSearchParams({
      ...grant,
      client_key: this.endpoints.clientId,
      client_secret: this.endpoints.clientSecret,
    });
    const sentAt = Date.now();
    const body = await callNetworkJson(
      `${this.endpoints.apiBaseUrl.replace(/\/+$/, '')}/v2/oauth/token/`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form },
      classifyTokenFailure,
      `${TIKTOK_LABEL} token endpoint`,
    );
    // TikTok may answer 200 with {error, error_description} instead of tokens.
    if (typeof valueAt(body, 'error') === 'string' && !valueAt(body, 'access_token'))
      throw new ConnectorFailure(classifyTokenFailure({ status: 400, headers: {}, body }, new Date()));
    const expiresIn = optionalCount(body, 'expires_in');
    const refreshToken = valueAt(body, 'refresh_token');
    const scope = valueAt(body, 'scope');
    return {
      accessToken: requireString(body, 'access_token', `${TIKTOK_LABEL} token endpoint`),
      refreshToken: typeof refreshToken === 'string' && refreshToken ? refreshToken : (currentRefreshToken ?? null),
      expiresAt: expiresIn > 0 ? new Date(sentAt + expiresIn * 1000) : null,
      scopes: typeof scope === 'string' ? parseScopes(scope) : TIKTOK_SCOPES,
    };
  }
}
