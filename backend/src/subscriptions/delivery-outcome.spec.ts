import { Response } from 'undici';
import { describe, expect, it } from 'vitest';
import { outcomeOf, retryAfterMs } from './delivery-outcome';

describe('REST hook attempt outcomes', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [410, 'gone'],
    [429, 'retry'],
    [408, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'refused'],
    [404, 'refused'],
  ])('HTTP %i is %s', async (status, kind) => {
    const body = status === 204 ? null : 'answer';
    expect((await outcomeOf(new Response(body, { status }))).kind).toBe(kind);
  });

  it('keeps the first 500 characters of the answer', async () => {
    const outcome = await outcomeOf(new Response('x'.repeat(100_000), { status: 500 }));
    expect(outcome.excerpt).toHaveLength(500);
  });

  it('reads Retry-After in seconds or as a date, capped at six hours', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 03 Dec 2026 12:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('999999', now)).toBe(6 * 3_600_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('passes Retry-After of a 429 on', async () => {
    const outcome = await outcomeOf(new Response('slow down', { status: 429, headers: { 'retry-after': '30' } }));
    expect(outcome).toMatchObject({ kind: 'retry', status: 429, retryAfterMs: 30_000, excerpt: 'slow down' });
  });
});
