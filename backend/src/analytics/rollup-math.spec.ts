import { describe, expect, it } from 'vitest';
import { addInto, type Counts, type Delta, emptyCounts, PostDays } from './rollup-math';

const counts = (impressions: number | null, reach: number | null = null): Counts => ({
  ...emptyCounts(),
  impressions,
  reach,
});
const t = (day: number, hour: number) => new Date(Date.UTC(2026, 0, day, hour));
const dayOf = (day: number) => `2026-01-${String(day).padStart(2, '0')}`;

/** Applies snapshots and sums the gains per day, as the account-day rows would hold them. */
function gainsAfter(snapshots: Array<[number, number, Counts]>): Map<string, Delta> {
  const days = new PostDays([]);
  const gains = new Map<string, Delta>();
  for (const [day, hour, c] of snapshots) {
    for (const gain of days.apply(dayOf(day), t(day, hour), c) ?? []) {
      const sum = gains.get(gain.day) ?? emptyCounts();
      addInto(sum, gain.delta);
      gains.set(gain.day, sum);
    }
  }
  return gains;
}

describe('rollup rule', () => {
  const history: Array<[number, number, Counts]> = [
    [1, 9, counts(10, 5)],
    [1, 18, counts(30, 12)],
    [2, 9, counts(45)],
    [4, 9, counts(80, 40)],
    [4, 7, counts(70, 30)],
    [9, 9, counts(100, 50)],
  ];

  it('gives each day its newest snapshot minus the day before, whatever order snapshots arrive in', () => {
    const expected = gainsAfter(history);
    expect(expected.get(dayOf(1))).toMatchObject({ impressions: 30, reach: 12 });
    expect(expected.get(dayOf(2))).toMatchObject({ impressions: 15, reach: null });
    expect(expected.get(dayOf(4))).toMatchObject({ impressions: 35, reach: 28 });
    expect(expected.get(dayOf(9))).toMatchObject({ impressions: 20, reach: 10 });
    for (const order of [
      [...history].reverse(),
      [history[5], history[0], history[3], history[2], history[1], history[4]],
    ]) {
      const got = gainsAfter(order);
      for (const [day, gain] of expected)
        expect(got.get(day)).toMatchObject({ impressions: gain.impressions, reach: gain.reach });
    }
  });

  it("ignores a repeated snapshot and a late one older than its day's newest", () => {
    const days = new PostDays([]);
    days.apply(dayOf(1), t(1, 12), counts(10));
    expect(days.apply(dayOf(1), t(1, 12), counts(10))).toBeNull();
    expect(days.apply(dayOf(1), t(1, 8), counts(5))).toBeNull();
    expect(days.holds(dayOf(1), t(1, 12))).toBe(true);
  });

  it('keeps a gain null when the network never provided the metric, and measures the next value from the last one provided', () => {
    const gains = gainsAfter([
      [1, 9, counts(10)],
      [2, 9, counts(null)],
      [3, 9, counts(25)],
    ]);
    expect(gains.get(dayOf(1))).toMatchObject({ impressions: 10, saves: null, reach: null });
    expect(gains.get(dayOf(2))).toMatchObject({ impressions: null });
    expect(gains.get(dayOf(3))).toMatchObject({ impressions: 15 });
  });

  it('ends with the same gains for any arrival order, with values missing here and there', () => {
    // A fixed pseudo-random history: 40 snapshots over 10 days, a third of the reach values missing.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const history: Array<[number, number, Counts]> = [];
    for (let i = 0; i < 40; i++) {
      const day = 1 + Math.floor(next() * 10);
      const hour = Math.floor(next() * 24);
      history.push([day, hour, counts(day * 100 + hour, next() < 0.33 ? null : day * 10 + hour)]);
    }
    const expected = gainsAfter(history);
    for (let round = 0; round < 5; round++) {
      const shuffled = [...history].sort(() => next() - 0.5);
      const got = gainsAfter(shuffled);
      for (const [day, gain] of expected) {
        const g = got.get(day)!;
        // A day whose value was taken back has a gain of 0 rather than none: the same sum.
        expect({ day, impressions: g.impressions ?? 0, reach: g.reach ?? 0 }).toEqual({
          day,
          impressions: gain.impressions ?? 0,
          reach: gain.reach ?? 0,
        });
      }
    }
  });

  it('marks new and changed day rows for writing', () => {
    const days = new PostDays([{ day: dayOf(1), takenAt: t(1, 9), counts: counts(1), state: 'stored' }]);
    days.apply(dayOf(1), t(1, 10), counts(2));
    days.apply(dayOf(3), t(3, 10), counts(4));
    expect(days.points.map((p) => [p.day, p.state, p.counts.impressions])).toEqual([
      [dayOf(1), 'changed', 2],
      [dayOf(3), 'new', 4],
    ]);
  });
});
