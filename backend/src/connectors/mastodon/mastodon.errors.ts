import { classifyHttpFailure, FailedResponse, FailureClass, retryAfterMs } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';

/** Mastodon's refusals carry `{ "error": "…" }`; its text is what the person needs to read. */
function errorText(body: unknown): string {
  const error = valueAt(body, 'error');
  return typeof error === 'string' && error ? error : '';
}

/**
 * Mastodon's documented errors: 401 the token was revoked, 403/410 the account is suspended or
 * gone, 422 the status itself was refused (its text says why), 429 announces its reset as an
 * ISO time in X-RateLimit-Reset.
 */
export function classifyMastodonFailure(response: FailedResponse, now: Date): FailureClass {
  const text = errorText(response.body);
  const said = text ? `: ${text}` : '';
  switch (response.status) {
    case 401:
      return { kind: 'reauth', reason: `Mastodon refused the token${said}` };
    case 403:
    case 410:
      return { kind: 'disconnect', reason: `Mastodon refused the account (suspended or gone)${said}` };
    case 422:
      return { kind: 'bad-request', reason: `Mastodon refused the post${said}` };
    case 429:
      return { kind: 'retry', afterMs: rateLimitWait(response, now), reason: 'Mastodon rate limit reached' };
  }
  const failure = classifyHttpFailure(response, now);
  return { ...failure, reason: `Mastodon ${failure.reason}${said}` };
}

function rateLimitWait(response: FailedResponse, now: Date): number | null {
  const reset = Date.parse(response.headers['x-ratelimit-reset'] ?? '');
  if (!Number.isNaN(reset)) return Math.max(0, reset - now.getTime());
  return retryAfterMs(response.headers['retry-after'], now);
}
