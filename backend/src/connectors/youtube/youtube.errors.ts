import { classifyHttpFailure, FailedResponse, FailureClass } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';
import { msUntilPacificMidnight } from './youtube.quota';

/** Reasons that come back tomorrow: the project's daily quota, or the channel's daily uploads. */
const NEXT_QUOTA_DAY = new Set(['quotaExceeded', 'dailyLimitExceeded', 'uploadLimitExceeded']);
const TOKEN_REASONS = new Set(['authError', 'invalidCredentials', 'insufficientPermissions']);
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/**
 * Google answers `{error: {code, message, errors: [{reason, domain, message}]}}`; the reason says
 * more than the status (403 is a spent quota, a missing scope or a forbidden video).
 */
export function classifyYouTubeFailure(response: FailedResponse, now: Date): FailureClass {
  const reason = firstReason(response.body);
  const message = valueAt(response.body, 'error.message');
  const detail = `${reason ? ` (${reason})` : ''}${typeof message === 'string' ? `: ${message}` : ''}`;
  if (reason && NEXT_QUOTA_DAY.has(reason)) {
    const what =
      reason === 'uploadLimitExceeded'
        ? 'the channel uploaded as many videos as it may today'
        : 'the daily API quota is spent';
    return { kind: 'retry', afterMs: msUntilPacificMidnight(now), reason: `YouTube: ${what}${detail}` };
  }
  if (response.status === 401 || (reason && TOKEN_REASONS.has(reason)))
    return { kind: 'reauth', reason: `YouTube refused the token or a permission is missing${detail}` };
  if (reason === 'youtubeSignupRequired')
    return { kind: 'disconnect', reason: `YouTube: the Google account has no YouTube channel${detail}` };
  if (reason === 'forbidden') return { kind: 'bad-request', reason: `YouTube refused the request${detail}` };
  if (reason && RATE_REASONS.has(reason)) {
    const generic = classifyHttpFailure({ ...response, status: 429 }, now);
    return { ...generic, reason: `YouTube: rate limited${detail}` };
  }
  const generic = classifyHttpFailure(response, now);
  return { ...generic, reason: `YouTube ${generic.reason}${detail}` };
}

function firstReason(body: unknown): string | undefined {
  const errors = valueAt(body, 'error.errors');
  const reason = Array.isArray(errors) ? valueAt(errors[0], 'reason') : undefined;
  return typeof reason === 'string' ? reason : undefined;
}
