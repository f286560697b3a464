import type { SocialAccount } from '../accounts/social-account.entity';
import { ConnectorFailure, MetricsUnavailableError } from '../connectors/connector';
import { nextRetryDelay } from '../connectors/retry-policy';

/** When metrics cannot be read until a person acts (reconnect, grant insights), look again a day later. */
export const BLOCKED_RETRY_MS = 24 * 3_600_000;

/** What a failed metrics read means for the account's posts still to read in this run. */
export interface ReadStop {
  /** What the account page says (null: a passing trouble, nothing to say). */
  reason: string | null;
  /** The wait before a post's read is tried again; null: the retry policy has no attempt left, skip the read. */
  delayOf(attemptsSoFar: number): number | null;
  /** Whether the failure counts as one of the post's attempts (only passing troubles do). */
  countsAsAttempt: boolean;
}

/**
 * A rate limit or network trouble waits per the retry policy (the network's Retry-After wins
 * when longer); a missing insights permission or a refused token waits a day and says why; any
 * other refusal, or an error of ours (no token), waits a day with its message.
 */
export function readStop(account: Pick<SocialAccount, 'name'>, error: unknown): ReadStop {
  const blocked = (reason: string): ReadStop => ({ reason, delayOf: () => BLOCKED_RETRY_MS, countsAsAttempt: false });
  if (error instanceof MetricsUnavailableError) return blocked(error.reason);
  if (error instanceof ConnectorFailure) {
    const failure = error.failure;
    if (failure.kind === 'retry') {
      return {
        reason: null,
        delayOf: (attemptsSoFar) => nextRetryDelay(attemptsSoFar + 1, failure.afterMs),
        countsAsAttempt: true,
      };
    }
    if (failure.kind === 'reauth') return blocked(`Reconnect ${account.name}: ${failure.reason}`);
    return blocked(failure.reason);
  }
  return blocked(error instanceof Error ? error.message : String(error));
}
