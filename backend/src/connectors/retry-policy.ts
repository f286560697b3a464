/** Bounded exponential backoff with full jitter; a network's own wait always wins when longer. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseMs: 30_000, maxMs: 30 * 60_000 };

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1), or null when no attempt is left.
 * `random` is injectable so tests are exact.
 */
export function nextRetryDelay(
  attempt: number,
  networkAfterMs: number | null,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, networkAfterMs ?? 0);
}
