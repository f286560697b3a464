import { describe, expect, it } from 'vitest';
import { classifyGraphFailure } from './facebook/facebook.errors';
import { classifyHttpFailure, FailedResponse, retryAfterMs } from './failure-classification';
import { nextRetryDelay } from './retry-policy';
import { classifyXFailure } from './x/x.errors';

const now = new Date('2026-11-25T10:00:00Z');
const res = (status: number, body: unknown = null, headers: Record<string, string> = {}): FailedResponse => ({
  status,
  headers,
  body,
});

describe('failure classification', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 25 Nov 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('maps plain HTTP answers', () => {
    expect(classifyHttpFailure(res(401), now)).toMatchObject({ kind: 'reauth' });
    expect(classifyHttpFailure(res(429, null, { 'retry-after': '30' }), now)).toEqual({
      kind: 'retry',
      afterMs: 30_000,
      reason: 'HTTP 429: rate limited',
    });
    expect(classifyHttpFailure(res(503), now)).toMatchObject({ kind: 'retry', afterMs: null });
    expect(classifyHttpFailure(res(422), now)).toMatchObject({ kind: 'bad-request' });
    expect(classifyHttpFailure(res(410), now)).toMatchObject({ kind: 'disconnect' });
  });

  it('reads Graph API error codes, not the 400 status', () => {
    const graph = (code: number, subcode?: number) =>
      res(400, { error: { code, error_subcode: subcode, message: 'm' } });
    expect(classifyGraphFailure(graph(190, 463), now)).toEqual({ kind: 'reauth', reason: 'Graph error 190/463: m' });
    expect(classifyGraphFailure(graph(200), now)).toMatchObject({ kind: 'reauth' });
    expect(classifyGraphFailure(graph(32), now)).toMatchObject({ kind: 'retry', afterMs: null });
    expect(classifyGraphFailure(graph(368), now)).toMatchObject({ kind: 'retry', afterMs: 3_600_000 });
    expect(classifyGraphFailure(graph(100), now)).toMatchObject({ kind: 'bad-request' });
    // A malformed body falls back to the HTTP reading.
    expect(classifyGraphFailure(res(500, '<html>oops</html>'), now)).toMatchObject({ kind: 'retry' });
  });

  it('reads X rate-limit resets and duplicate refusals', () => {
    const reset = String(now.getTime() / 1000 + 600);
    expect(classifyXFailure(res(429, null, { 'x-rate-limit-reset': reset }), now)).toEqual({
      kind: 'retry',
      afterMs: 600_000,
      reason: 'X rate limit reached',
    });
    expect(
      classifyXFailure(
        res(403, { title: 'Forbidden', detail: 'You are not allowed to create a Tweet with duplicate content.' }),
        now,
      ),
    ).toMatchObject({ kind: 'bad-request' });
    expect(classifyXFailure(res(401), now)).toMatchObject({ kind: 'reauth' });
  });
});

describe('nextRetryDelay', () => {
  const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };

  it('grows exponentially under a cap, with full jitter', () => {
    expect([1, 2, 3].map((attempt) => nextRetryDelay(attempt, null, policy, () => 0.999))).toEqual([999, 1998, 3996]);
    expect(nextRetryDelay(3, null, { ...policy, maxMs: 2500 }, () => 0.5)).toBe(1250);
    expect(nextRetryDelay(2, null, policy, () => 0)).toBe(0);
  });

  it('never waits less than the network asked, and stops after the last attempt', () => {
    expect(nextRetryDelay(1, 60_000, policy, () => 0.5)).toBe(60_000);
    expect(nextRetryDelay(4, null, policy, () => 0.5)).toBeNull();
  });
});
