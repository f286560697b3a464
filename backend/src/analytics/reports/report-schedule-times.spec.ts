import { describe, expect, it } from 'vitest';
import { nextRunAfter, periodBefore } from './report-schedule-times';

const weekly = (weekday: number, hour: number) => ({ frequency: 'weekly' as const, weekday, monthDay: null, hour });
const monthly = (monthDay: number, hour: number) => ({ frequency: 'monthly' as const, weekday: null, monthDay, hour });

describe('nextRunAfter', () => {
  it('finds the next weekday at the hour in the workspace zone', () => {
    // Thursday 3 Dec 2026, 16:30 in Paris.
    const now = new Date('2026-12-03T15:30:00Z');
    expect(nextRunAfter(weekly(1, 8), 'Europe/Paris', now).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(nextRunAfter(weekly(4, 17), 'Europe/Paris', now).toISOString()).toBe('2026-12-03T16:00:00.000Z');
    // The hour has passed today: next week.
    expect(nextRunAfter(weekly(4, 16), 'Europe/Paris', now).toISOString()).toBe('2026-12-10T15:00:00.000Z');
  });

  it('keeps the wall-clock hour across a DST change', () => {
    // Paris leaves summer time on Sunday 25 Oct 2026: 08:00 is 06:00Z before, 07:00Z after.
    const before = nextRunAfter(weekly(1, 8), 'Europe/Paris', new Date('2026-10-15T12:00:00Z'));
    expect(before.toISOString()).toBe('2026-10-19T06:00:00.000Z');
    const after = nextRunAfter(weekly(1, 8), 'Europe/Paris', before);
    expect(after.toISOString()).toBe('2026-10-26T07:00:00.000Z');
    // New York springs forward on 8 Mar 2026: 02:00 does not exist that day, so 03:00 EDT.
    const gap = nextRunAfter(weekly(7, 2), 'America/New_York', new Date('2026-03-02T12:00:00Z'));
    expect(gap.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });

  it('sends monthly on the day of the month, next month once it has passed', () => {
    const now = new Date('2026-12-03T15:30:00Z');
    expect(nextRunAfter(monthly(3, 17), 'Europe/Paris', now).toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(nextRunAfter(monthly(1, 9), 'Europe/Paris', now).toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(nextRunAfter(monthly(28, 23), 'Pacific/Auckland', new Date('2027-02-28T10:00:00Z')).toISOString()).toBe(
      '2027-03-28T10:00:00.000Z',
    );
  });
});

describe('periodBefore', () => {
  it('covers the last whole week (Monday to Sunday) or calendar month, in the zone', () => {
    // Monday 7 Dec 2026 00:30 in Auckland is still Sunday 6 Dec in UTC.
    const run = new Date('2026-12-06T11:30:00Z');
    expect(periodBefore('weekly', 'Pacific/Auckland', run)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodBefore('weekly', 'UTC', run)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodBefore('monthly', 'Europe/Paris', new Date('2027-03-01T08:00:00Z'))).toEqual({
      from: '2027-02-01',
      to: '2027-02-28',
    });
  });
});
