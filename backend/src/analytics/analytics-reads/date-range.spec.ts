import { describe, expect, it } from 'vitest';
import { daysOf, instantsOf, isCalendarDay, readRange, weekStartOf } from './date-range';

describe('read ranges', () => {
  const now = new Date('2026-11-30T23:30:00Z'); // already 1 December in Paris

  it('defaults to the last 30 days up to today in the workspace zone, and the 30 before', () => {
    expect(readRange({}, 'Europe/Paris', now)).toEqual({
      from: '2026-11-02',
      to: '2026-12-01',
      days: 30,
      timeZone: 'Europe/Paris',
      previous: { from: '2026-10-03', to: '2026-11-01' },
    });
    expect(readRange({}, 'America/New_York', now).to).toBe('2026-11-30');
  });

  it('completes one end to 30 days, never past today', () => {
    expect(readRange({ to: '2026-06-30' }, 'UTC', now)).toMatchObject({ from: '2026-06-01', to: '2026-06-30' });
    expect(readRange({ from: '2026-11-20' }, 'UTC', now)).toMatchObject({
      from: '2026-11-20',
      to: '2026-11-30',
      days: 11,
    });
  });

  it('counts the days of a range across a DST change as calendar days', () => {
    const range = readRange({ from: '2027-03-27', to: '2027-03-29' }, 'Europe/Paris', now);
    expect(range).toMatchObject({ days: 3, previous: { from: '2027-03-24', to: '2027-03-26' } });
    expect(daysOf(range)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    // The 28th is 23 hours long: the range ends at local midnight after the 29th, 22:00 UTC.
    expect(instantsOf(range, 'Europe/Paris')).toEqual({
      start: new Date('2027-03-26T23:00:00Z'),
      end: new Date('2027-03-29T22:00:00Z'),
    });
  });

  it('takes only real calendar days and finds the Monday of a week', () => {
    expect(['2026-02-28', '2028-02-29'].every(isCalendarDay)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', 'today', 20261101].some(isCalendarDay)).toBe(false);
    expect(weekStartOf('2026-11-08')).toBe('2026-11-02');
    expect(weekStartOf('2026-11-09')).toBe('2026-11-09');
  });
});
