import { describe, expect, it } from 'vitest';
import { sandboxMetrics } from './sandbox.connector';

describe('Sandbox metrics', () => {
  const published = new Date('2026-05-01T12:00:00Z');
  const at = (hours: number) => sandboxMetrics('post-1', published, new Date(published.getTime() + hours * 3600_000));

  it('start at zero, grow quickly, then level off', () => {
    expect(at(0).impressions).toBe(0);
    expect(at(1).impressions).toBeGreaterThan(0);
    expect(at(6).impressions).toBeGreaterThan(at(1).impressions);
    expect(at(72).impressions - at(48).impressions).toBeLessThan(at(6).impressions - at(1).impressions);
  });

  it('are the same for the same post and moment, and differ between posts', () => {
    expect(at(5)).toEqual(at(5));
    const other = sandboxMetrics('post-2', published, new Date(published.getTime() + 5 * 3600_000));
    expect(other).not.toEqual(at(5));
  });

  it('keep engagement below reach below impressions', () => {
    const m = at(24);
    expect(m.reach).toBeLessThanOrEqual(m.impressions);
    expect(m.likes + m.comments + m.shares + m.clicks).toBeLessThan(m.reach);
  });
});
