import type { OAuthProvider, TokenSet } from '../connector';
import { ConnectorFailure } from '../connector';
import type { FailedResponse } from '../failure-classification';
import { parseScopes, classifyTokenFailure } from '../oauth2/token-endpoint';
import { retryFailure } from '../oauth2/network-http';
import { asConnectorFailure, GoogleEndpoints, YouTubeApi } from './youtube.api';

const SCOPE = 'https://www.googleapis.com/auth/';

/** Upload and read the channel's videos; read YouTube Analytics for impressions (optional: metrics fall back). */
export const YOUTUBE_SCOPES = [`${SCOPE}youtube.upload`, `${SCOPE}youtube.readonly`, `${SCOPE}yt-analytics.readonly`];
const REQUIRED_SCOPES = YOUTUBE_SCOPES.slice(0, 2);

interface GoogleTokens {
  access_token?: string | null;
  refresh_token?: string | null;
  expiry_date?: number | null;
  scope?: string | null;
}

/**
 * Google OAuth 2 for web servers with PKCE: offline access so Google issues a refresh token, and
 * `prompt=consent` so it issues one again when the person reconnects.
 */
export class YouTubeOAuthProvider implements OAuthProvider {
  readonly network = 'youtube' as const;
  readonly usesPkce = true;
  readonly requiredScopes = REQUIRED_SCOPES;
  private readonly api: YouTubeApi;

  constructor(endpoints: GoogleEndpoints) {
    this.api = new YouTubeApi(endpoints);
  }

  authorizeUrl(input: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    return this.api.client(input.redirectUri).generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: true,
      scope: YOUTUBE_SCOPES,
      state: input.state,
      ...(input.codeChallenge && { code_challenge: input.codeChallenge, code_challenge_method: 'S256' as never }),
    });
  }

  async exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    const client = this.api.client(input.redirectUri);
    const { tokens } = await client
      .getToken({ code: input.code, codeVerifier: input.codeVerifier ?? undefined })
      .catch(tokenFailure);
    return tokenSet(tokens, null);
  }

  /** Google keeps the refresh token and rarely sends a new one: the old one is kept then. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const client = this.api.client();
    client.setCredentials({ refresh_token: refreshToken });
    const { credentials } = await client.refreshAccessToken().catch(tokenFailure);
    return tokenSet(credentials, refreshToken);
  }

  /** The channels the grant covers (channels.list mine=true); a Google account without one has none. */
  async listAccounts(tokens: TokenSet): Promise<Array<{ externalAccountId: string; name: string }>> {
    const data = await this.api.call(() =>
      this.api.data(tokens.accessToken).channels.list({ part: ['snippet'], mine: true, maxResults: 50 }),
    );
    return (data.items ?? []).flatMap((channel) =>
      channel.id ? [{ externalAccountId: channel.id, name: channel.snippet?.title ?? channel.id }] : [],
    );
  }
}

function tokenSet(tokens: GoogleTokens, currentRefreshToken: string | null): TokenSet {
  if (!tokens.access_token) throw retryFailure('Google token endpoint answered without access_token');
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? currentRefreshToken,
    expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
    scopes: tokens.scope ? parseScopes(tokens.scope) : YOUTUBE_SCOPES,
  };
}

/** `invalid_grant` (revoked, expired, spent) needs the person; the standard token rules apply. */
function tokenFailure(error: unknown): never {
  const response = (error as { response?: { status?: number; data?: unknown; headers?: unknown } }).response;
  if (!response?.status) throw asConnectorFailure(error);
  const failed: FailedResponse = { status: response.status, headers: {}, body: response.data };
  const failure = classifyTokenFailure(failed, new Date());
  throw new ConnectorFailure({ ...failure, reason: `Google token endpoint: ${failure.reason}` });
}
