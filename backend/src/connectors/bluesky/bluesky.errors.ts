import { XRPCError } from '@atproto/api';
import { ConnectorFailure } from '../connector';
import { classifyHttpFailure, type FailureClass, retryAfterMs } from '../failure-classification';

/** XRPC error names that mean the account itself is gone or barred, not the session. */
const ACCOUNT_GONE = new Set([
  'AccountTakedown',
  'AccountDeactivated',
  'AccountSuspended',
  'RepoTakendown',
  'RepoDeactivated',
]);
const SESSION_REFUSED = new Set(['ExpiredToken', 'InvalidToken', 'AuthenticationRequired', 'AuthMissing']);

/** `ratelimit-reset` is the Unix time (seconds) the window reopens; Retry-After where a proxy sends one. */
function rateLimitWaitMs(headers: Record<string, string | undefined>, now: Date): number | null {
  const reset = Number(headers['ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now.getTime());
  return retryAfterMs(headers['retry-after'], now);
}

/** What the publisher does about an XRPC error, by the error name Bluesky documents, then by status. */
export function classifyBlueskyError(error: XRPCError, now: Date): FailureClass {
  const name = error.error ?? '';
  const reason = `Bluesky: ${name ? `${name}: ` : ''}${error.message}`;
  const headers = (error.headers ?? {}) as Record<string, string | undefined>;
  if (ACCOUNT_GONE.has(name)) return { kind: 'disconnect', reason };
  if (SESSION_REFUSED.has(name)) return { kind: 'reauth', reason };
  if (name === 'RateLimitExceeded' || error.status === 429)
    return { kind: 'retry', afterMs: rateLimitWaitMs(headers, now), reason };
  // Status 1 is "no answer at all" (the PDS is unreachable): worth another try.
  if (error.status === 1) return { kind: 'retry', afterMs: null, reason };
  if (error.status === 2 || name === 'InvalidRequest' || error.status === 400 || error.status === 413)
    return { kind: 'bad-request', reason };
  const byStatus = classifyHttpFailure({ status: error.status, headers, body: null }, now);
  return { ...byStatus, reason };
}

/** Runs one XRPC call; a refusal becomes a ConnectorFailure the publisher acts on. */
export async function xrpc<T>(call: () => Promise<T>, now: () => Date = () => new Date()): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof XRPCError) throw new ConnectorFailure(classifyBlueskyError(error, now()));
    throw error;
  }
}

/** A record that does not exist: getRecord answers 400 RecordNotFound (older PDSs: InvalidRequest "Could not locate record"). */
export function isRecordNotFound(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    (error.error === 'RecordNotFound' || (error.status === 400 && /could not locate record/i.test(error.message)))
  );
}
