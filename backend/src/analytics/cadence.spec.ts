import { describe, expect, it } from 'vitest';
import { COLLECT_OFFSETS_MS, nextCollection } from './cadence';

const published = new Date('2026-03-01T10:00:00Z');
const after = (hours: number) => new Date(published.getTime() + hours * 3_600_000);

describe('collection cadence', () => {
  it('reads at +1 h, 6 h, 24 h, 3 d, 7 d, 30 d, then weekly to 90 d', () => {
    const days = COLLECT_OFFSETS_MS.map((ms) => ms / 86_400_000);
    expect(days.slice(0, 6)).toEqual([1 / 24, 6 / 24, 1, 3, 7, 30]);
    expect(days.slice(6)).toEqual([37, 44, 51, 58, 65, 72, 79, 86, 90]);
  });

  it('a fresh post is first due an hour after it went out', () => {
    expect(nextCollection(published, published)).toEqual({ step: 0, at: after(1) });
  });

  it('after a read, the next step; reads already past are skipped rather than made up', () => {
    expect(nextCollection(published, after(1), 1)).toEqual({ step: 1, at: after(6) });
    expect(nextCollection(published, after(30), 1)).toEqual({ step: 3, at: after(72) });
  });

  it('ends after 90 days', () => {
    expect(nextCollection(published, after(90 * 24))).toEqual({ step: COLLECT_OFFSETS_MS.length, at: null });
  });
});
