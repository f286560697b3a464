import type { TokenSet } from '../connector';
import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';
import { callNetworkJson, optionalCount, requireString, valueAt } from './network-http';

/** How the app proves itself at the token endpoint: X wants HTTP Basic, LinkedIn form fields. */
export type ClientAuthentication = 'basic' | 'form';

export interface TokenRequest {
  label: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  authentication: ClientAuthentication;
  /** grant_type and its own fields (code + redirect_uri + code_verifier, or refresh_token). */
  grant: Record<string, string>;
  /** RFC 6749 §5.1: a response without `scope` granted exactly what was asked for. */
  requestedScopes: string[];
  /** Kept when a refresh answer does not hand out a new refresh token. */
  currentRefreshToken?: string;
}

/** Posts the form (RFC 6749 §4.1.3 / §6) and reads the tokens the network issued. */
export async function requestTokens(request: TokenRequest): Promise<TokenSet> {
  const form = new URLSearchParams({ ...request.grant, client_id: request.clientId });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (request.authentication === 'basic') headers.authorization = basicAuthorization(request);
  else form.set('client_secret', request.clientSecret);
  const sentAt = Date.now();
  const body = await callNetworkJson(
    request.tokenUrl,
    { method: 'POST', headers, body: form },
    classifyTokenFailure,
    request.label,
  );
  return readTokenSet(body, request, sentAt);
}

/**
 * A 400 means the code or refresh token cannot be used (spent, revoked, expired — X says
 * `invalid_request`, others `invalid_grant`): only the person reconnecting fixes that. A refused
 * client is the app's configuration, which reconnecting would not fix.
 */
export function classifyTokenFailure(response: FailedResponse, now: Date): FailureClass {
  const error = valueAt(response.body, 'error');
  const description = valueAt(response.body, 'error_description');
  const detail = typeof description === 'string' ? `: ${description}` : '';
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return { kind: 'bad-request', reason: `the app's client credentials were refused${detail}` };
  }
  if (response.status === 400)
    return { kind: 'reauth', reason: `the authorization was refused (${String(error)})${detail}` };
  return classifyHttpFailure(response, now);
}

function readTokenSet(body: unknown, request: TokenRequest, sentAt: number): TokenSet {
  const expiresIn = optionalCount(body, 'expires_in');
  const refreshToken = valueAt(body, 'refresh_token');
  const scope = valueAt(body, 'scope');
  return {
    accessToken: requireString(body, 'access_token', request.label),
    refreshToken:
      typeof refreshToken === 'string' && refreshToken ? refreshToken : (request.currentRefreshToken ?? null),
    expiresAt: expiresIn > 0 ? new Date(sentAt + expiresIn * 1000) : null,
    scopes: typeof scope === 'string' ? parseScopes(scope) : request.requestedScopes,
  };
}

/** The standard separates scopes with spaces; LinkedIn answers with commas. */
export function parseScopes(scope: string): string[] {
  return scope.split(/[\s,]+/).filter((s) => s !== '');
}

function basicAuthorization({ clientId, clientSecret }: TokenRequest): string {
  const encode = (value: string) => encodeURIComponent(value);
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}
