/** A network's raw answer to a failed call, as the connector received it. */
export interface FailedResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/**
 * What the publisher does about a failure: ask the team to reconnect the account, fix the post,
 * try again (not before `afterMs` when the network said so), or stop using the account.
 */
export type FailureClass =
  | { kind: 'reauth'; reason: string }
  | { kind: 'bad-request'; reason: string }
  | { kind: 'retry'; afterMs: number | null; reason: string }
  | { kind: 'disconnect'; reason: string };

/** `Retry-After` in delta-seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The HTTP-level reading every network shares; connectors refine it with their own error codes. */
export function classifyHttpFailure(response: FailedResponse, now: Date): FailureClass {
  const { status } = response;
  const reason = `HTTP ${status}`;
  if (status === 401) return { kind: 'reauth', reason: `${reason}: the token was refused` };
  if (status === 429)
    return {
      kind: 'retry',
      afterMs: retryAfterMs(response.headers['retry-after'], now),
      reason: `${reason}: rate limited`,
    };
  if (status === 408 || status >= 500)
    return { kind: 'retry', afterMs: retryAfterMs(response.headers['retry-after'], now), reason };
  if (status === 403) return { kind: 'reauth', reason: `${reason}: a permission is missing` };
  if (status === 404 || status === 410) return { kind: 'disconnect', reason: `${reason}: the account or page is gone` };
  return { kind: 'bad-request', reason };
}
