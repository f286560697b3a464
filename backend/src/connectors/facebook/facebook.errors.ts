import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';

interface GraphError {
  error?: { code?: number; error_subcode?: number; message?: string };
}

/** Graph API codes that mean "slow down" (app, user, page and ad-account level throttling). */
const THROTTLED = new Set([4, 17, 32, 613, 80001]);
/** Codes that mean the token is bad or a permission is missing. */
const AUTH = new Set([102, 190]);

/**
 * Facebook and Instagram (Graph API) answer most failures with HTTP 400 and an error code in the
 * body; the code, not the status, says what happened.
 */
export function classifyGraphFailure(response: FailedResponse, now: Date): FailureClass {
  const error = (response.body as GraphError | null)?.error;
  if (!error?.code) return classifyHttpFailure(response, now);
  const reason = `Graph error ${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''}: ${error.message ?? 'no message'}`;
  if (AUTH.has(error.code) || (error.code >= 200 && error.code < 300) || error.code === 10)
    return { kind: 'reauth', reason };
  if (THROTTLED.has(error.code)) return { kind: 'retry', afterMs: null, reason };
  if (error.code === 1 || error.code === 2) return { kind: 'retry', afterMs: null, reason };
  if (error.code === 368) return { kind: 'retry', afterMs: 60 * 60 * 1000, reason: `${reason} (temporarily blocked)` };
  return { kind: 'bad-request', reason };
}
