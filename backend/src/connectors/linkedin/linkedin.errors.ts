import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';

/** LinkedIn's token errors: 65600 invalid, 65601 revoked, 65602 expired — all need the person. */
const TOKEN_ERROR_CODES = new Set([65600, 65601, 65602]);

/** LinkedIn explains refusals with `serviceErrorCode` and `message` beside the HTTP status. */
export function classifyLinkedInFailure(response: FailedResponse, now: Date): FailureClass {
  const code = valueAt(response.body, 'serviceErrorCode');
  const message = valueAt(response.body, 'message');
  const detail = typeof message === 'string' ? `: ${message}` : '';
  if (typeof code === 'number' && TOKEN_ERROR_CODES.has(code)) {
    return { kind: 'reauth', reason: `LinkedIn refused the token (${code})${detail}` };
  }
  if (response.status === 422 && /duplicate/i.test(detail)) {
    return { kind: 'bad-request', reason: `LinkedIn refused a duplicate post${detail}` };
  }
  const generic = classifyHttpFailure(response, now);
  return { ...generic, reason: `LinkedIn ${generic.reason}${detail}` };
}
