import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';

/** Pinterest explains refusals with `{ code, message }` beside the HTTP status. */
function detailOf(response: FailedResponse): string {
  const message = valueAt(response.body, 'message');
  return typeof message === 'string' && message ? `: ${message}` : '';
}

/**
 * 401 is an expired or revoked token; 403 a scope the grant lacks (reconnecting grants it);
 * 429 and 5xx are retried, honouring Retry-After.
 */
export function classifyPinterestFailure(response: FailedResponse, now: Date): FailureClass {
  const detail = detailOf(response);
  if (response.status === 401)
    return { kind: 'reauth', reason: `Pinterest refused the token${detail}; reconnect the account` };
  if (response.status === 403)
    return {
      kind: 'reauth',
      reason: `Pinterest refused a permission${detail}; reconnect the account granting boards:read, pins:read and pins:write`,
    };
  const generic = classifyHttpFailure(response, now);
  return { ...generic, reason: `Pinterest ${generic.reason}${detail}` };
}

/**
 * Creating a pin documents its own refusals: 404 is the board or section (gone or never the
 * account's), 403 the image (too small, too large or broken) — the post needs fixing, not the account.
 */
export function classifyPinCreateFailure(response: FailedResponse, now: Date): FailureClass {
  const detail = detailOf(response);
  if (response.status === 404)
    return {
      kind: 'bad-request',
      reason: `options.boardId: Pinterest has no such board or section for this account${detail}`,
    };
  if (response.status === 403 && !/scope|permission|authori[sz]/i.test(detail))
    return { kind: 'bad-request', reason: `media: Pinterest refused the pin's media${detail}` };
  return classifyPinterestFailure(response, now);
}
