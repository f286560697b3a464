import { classifyHttpFailure, FailedResponse, FailureClass, retryAfterMs } from '../failure-classification';

interface XErrorBody {
  title?: string;
  detail?: string;
}

/**
 * X rate limits announce their reset as epoch seconds in `x-rate-limit-reset` rather than
 * Retry-After (which is still honoured when the reset header is missing); a duplicate post is a 403 that retrying can never fix.
 */
export function classifyXFailure(response: FailedResponse, now: Date): FailureClass {
  const body = response.body as XErrorBody | null;
  if (response.status === 429) {
    const reset = Number(response.headers['x-rate-limit-reset']);
    const afterMs =
      Number.isFinite(reset) && reset > 0
        ? Math.max(0, reset * 1000 - now.getTime())
        : retryAfterMs(response.headers['retry-after'], now);
    return { kind: 'retry', afterMs, reason: 'X rate limit reached' };
  }
  if (response.status === 403 && /duplicate/i.test(`${body?.title ?? ''} ${body?.detail ?? ''}`)) {
    return { kind: 'bad-request', reason: 'X refused a duplicate post' };
  }
  return classifyHttpFailure(response, now);
}
