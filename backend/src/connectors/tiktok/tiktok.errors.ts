import { ConnectorFailure } from '../connector';
import { classifyHttpFailure, FailedResponse, FailureClass, retryAfterMs } from '../failure-classification';
import { valueAt } from '../oauth2/network-http';

const HOUR = 3600_000;

/** TikTok's `error.code` values and what the publisher does about each. */
const BY_CODE: Record<string, (detail: string) => FailureClass> = {
  access_token_invalid: (d) => ({ kind: 'reauth', reason: `TikTok refused the token${d}` }),
  scope_not_authorized: (d) => ({
    kind: 'reauth',
    reason: `TikTok: a permission is missing; reconnect and allow it${d}`,
  }),
  token_not_authorized_for_specified_publish_id: (d) => ({
    kind: 'reauth',
    reason: `TikTok: the token is not the one that started this upload${d}`,
  }),
  spam_risk_too_many_posts: (d) => ({
    kind: 'retry',
    afterMs: HOUR,
    reason: `TikTok: the creator reached today's cap of API posts${d}`,
  }),
  spam_risk_too_many_pending_share: (d) => ({
    kind: 'retry',
    afterMs: HOUR,
    reason: `TikTok: too many posts wait in the creator's inbox${d}`,
  }),
  reached_active_user_cap: (d) => ({
    kind: 'retry',
    afterMs: HOUR,
    reason: `TikTok: the app reached its daily cap of posting creators${d}`,
  }),
  spam_risk_user_banned_from_posting: (d) => ({
    kind: 'disconnect',
    reason: `TikTok banned this creator from posting${d}`,
  }),
  unaudited_client_can_only_post_to_private_accounts: (d) => ({
    kind: 'bad-request',
    reason: `TikTok: until TikTok audits this app it may only post privately (privacy SELF_ONLY)${d}`,
  }),
  privacy_level_option_mismatch: (d) => ({
    kind: 'bad-request',
    reason: `TikTok: options.privacy is not one this creator offers${d}`,
  }),
  url_ownership_unverified: (d) => ({
    kind: 'bad-request',
    reason: `TikTok: the media URL's domain is not verified for this app${d}`,
  }),
  invalid_param: (d) => ({ kind: 'bad-request', reason: `TikTok refused a parameter${d}` }),
  invalid_publish_id: (d) => ({ kind: 'bad-request', reason: `TikTok does not know this upload${d}` }),
};

/** TikTok answers `{error: {code, message, log_id}}`; the code says more than the status. */
export function classifyTikTokFailure(response: FailedResponse, now: Date): FailureClass {
  const code = valueAt(response.body, 'error.code');
  const message = valueAt(response.body, 'error.message');
  const detail = `${typeof code === 'string' ? ` (${code})` : ''}${typeof message === 'string' && message ? `: ${message}` : ''}`;
  if (code === 'rate_limit_exceeded')
    return {
      kind: 'retry',
      afterMs: retryAfterMs(response.headers['retry-after'], now),
      reason: `TikTok: rate limited${detail}`,
    };
  const known = typeof code === 'string' ? BY_CODE[code] : undefined;
  if (known) return known(detail);
  const generic = classifyHttpFailure(response, now);
  return { ...generic, reason: `TikTok ${generic.reason}${detail}` };
}

/** Why a publish ended FAILED (`fail_reason` of the status fetch). */
export function classifyTikTokFailReason(reason: string): FailureClass {
  const text = `TikTok did not publish the post (${reason})`;
  if (/auth_removed|token/.test(reason)) return { kind: 'reauth', reason: text };
  if (/internal|pull_failed|download_failed|timeout/.test(reason))
    return { kind: 'retry', afterMs: null, reason: text };
  if (/spam_risk|too_many/.test(reason)) return { kind: 'retry', afterMs: HOUR, reason: text };
  return { kind: 'bad-request', reason: text };
}

/**
 * TikTok's API has no way to delete a post: the creator deletes it in the TikTok app. A
 * bad-request failure whose reason says so, for the UI to show as it is.
 */
export class TikTokDeleteUnsupportedError extends ConnectorFailure {
  constructor() {
    super({ kind: 'bad-request', reason: 'TikTok does not let apps delete posts: delete it in the TikTok app' });
    this.name = 'TikTokDeleteUnsupportedError';
  }
}
