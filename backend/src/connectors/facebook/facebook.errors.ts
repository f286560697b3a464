import { classifyHttpFailure, FailedResponse, FailureClass, retryAfterMs } from '../failure-classification';

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
  if (THROTTLED.has(error.code)) return { kind: 'retry', afterMs: throttleDelayMs(response, now), reason };
  if (error.code === 1 || error.code === 2) return { kind: 'retry', afterMs: null, reason };
  if (error.code === 368) return { kind: 'retry', afterMs: 60 * 60 * 1000, reason: `${reason} (temporarily blocked)` };
  return { kind: 'bad-request', reason };
}

/**
 * How long Meta asked us to wait: `Retry-After` when sent, else the longest
 * `estimated_time_to_regain_access` (minutes) in the business-use-case usage header.
 */
function throttleDelayMs(response: FailedResponse, now: Date): number | null {
  return (
    retryAfterMs(response.headers['retry-after'], now) ?? regainAccessMs(response.headers['x-business-use-case-usage'])
  );
}

function regainAccessMs(header: string | undefined): number | null {
  if (!header) return null;
  try {
    const usage = JSON.parse(header) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Object.values(usage)
      .flat()
      .map((entry) => entry.estimated_time_to_regain_access ?? 0);
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? longest * 60_000 : null;
  } catch {
    return null;
  }
}
