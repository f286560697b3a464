import { describe, expect, it } from 'vitest';
import { ConnectorFailure, MetricsUnavailableError } from '../connectors/connector';
import { DEFAULT_RETRY_POLICY } from '../connectors/retry-policy';
import { BLOCKED_RETRY_MS, readStop } from './collect-failures';

const account = { name: 'Cafe' };

describe('a failed metrics read', () => {
  it('rate-limited: waits at least what the network asked, counts an attempt, and gives up after the policy', () => {
    const stop = readStop(
      account,
      new ConnectorFailure({ kind: 'retry', afterMs: 90_000, reason: '429 Too Many Requests' }),
    );
    expect(stop.reason).toBeNull();
    expect(stop.countsAsAttempt).toBe(true);
    for (let attempts = 0; attempts < DEFAULT_RETRY_POLICY.maxAttempts - 1; attempts++) {
      expect(stop.delayOf(attempts)).toBeGreaterThanOrEqual(90_000);
    }
    expect(stop.delayOf(DEFAULT_RETRY_POLICY.maxAttempts - 1)).toBeNull();
  });

  it('without the insights permission: the network’s reason for the account page, a day’s wait, no attempt used', () => {
    const stop = readStop(account, new MetricsUnavailableError('Grant read_insights'));
    expect(stop).toMatchObject({ reason: 'Grant read_insights', countsAsAttempt: false });
    expect(stop.delayOf(3)).toBe(BLOCKED_RETRY_MS);
  });

  it('a refused token asks to reconnect the account', () => {
    const stop = readStop(account, new ConnectorFailure({ kind: 'reauth', reason: '401: the token was refused' }));
    expect(stop.reason).toBe('Reconnect Cafe: 401: the token was refused');
    expect(stop.delayOf(0)).toBe(BLOCKED_RETRY_MS);
  });

  it('anything else waits a day and says what happened', () => {
    expect(
      readStop(account, new ConnectorFailure({ kind: 'disconnect', reason: '404: the page is gone' })).reason,
    ).toBe('404: the page is gone');
    expect(readStop(account, new Error('The account has no token; reconnect it')).reason).toContain('no token');
  });
});
