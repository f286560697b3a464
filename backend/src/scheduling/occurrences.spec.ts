import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { assertRecurs, nextEvergreen, nextFreeSlot, recurringBetween, recurringOccurrences } from './occurrences';

const local = (iso: string, zone: string) => DateTime.fromJSDate(new Date(iso), { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('recurring occurrences (process TZ is Pacific/Auckland)', () => {
  it('keeps 09:00 local in New York across the March DST change', () => {
    const start = DateTime.fromISO('2026-03-05T09:00', { zone: 'America/New_York' }).toJSDate();
    const dates = recurringOccurrences('FREQ=DAILY', start, 'America/New_York', new Date(start.getTime() - 1), 5);
    expect(dates.map((d) => local(d.toISOString(), 'America/New_York'))).toEqual([
      '2026-03-05 09:00',
      '2026-03-06 09:00',
      '2026-03-07 09:00',
      '2026-03-08 09:00',
      '2026-03-09 09:00',
    ]);
    // The UTC offset changes from -5 to -4 on 8 March: the instants are 23, not 24, hours apart.
    expect(dates[3].getTime() - dates[2].getTime()).toBe(23 * 3600_000);
  });

  it('keeps 09:00 local in Paris across the October DST change, weekly on Mondays', () => {
    const start = DateTime.fromISO('2026-10-19T09:00', { zone: 'Europe/Paris' }).toJSDate();
    const dates = recurringOccurrences('RRULE:FREQ=WEEKLY;BYDAY=MO', start, 'Europe/Paris', start, 2);
    expect(dates.map((d) => d.toISOString())).toEqual(['2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z']);
  });

  it('ignores a DTSTART line in the rule text in favour of the schedule start', () => {
    const start = new Date('2026-01-01T10:00:00Z');
    const dates = recurringOccurrences(
      'DTSTART:20200101T000000Z\nRRULE:FREQ=DAILY;COUNT=2',
      start,
      'UTC',
      new Date(0),
      5,
    );
    expect(dates.map((d) => d.toISOString())).toEqual(['2026-01-01T10:00:00.000Z', '2026-01-02T10:00:00.000Z']);
  });

  it('lists occurrences in a calendar range', () => {
    const start = new Date('2026-01-01T10:00:00Z');
    const dates = recurringBetween(
      'FREQ=WEEKLY',
      start,
      'UTC',
      new Date('2026-01-08T00:00:00Z'),
      new Date('2026-01-22T00:00:00Z'),
    );
    expect(dates.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-01-08', '2026-01-15']);
  });

  it('refuses rules rrule cannot read or that never recur', () => {
    expect(() => assertRecurs('FREQ=SOMETIMES', new Date(), 'UTC')).toThrow();
    expect(() => assertRecurs('FREQ=DAILY;UNTIL=20000101T000000Z', new Date('2026-01-01'), 'UTC')).toThrow(
      /no occurrence/,
    );
  });
});

describe('evergreen', () => {
  const rule = { intervalDays: 7, maxRepeats: 2, endAt: null, skipIfPublishedWithinDays: null };
  it('repeats at the same local time until the repeat count is reached', () => {
    const first = DateTime.fromISO('2026-03-01T09:00', { zone: 'America/New_York' }).toJSDate();
    const second = nextEvergreen(rule, first, 1, 'America/New_York');
    expect(local(second!.toISOString(), 'America/New_York')).toBe('2026-03-08 09:00');
    expect(nextEvergreen(rule, second!, 2, 'America/New_York')).toBeNull();
  });
  it('stops at the end date', () => {
    const withEnd = { ...rule, maxRepeats: null, endAt: '2026-03-05T00:00:00Z' };
    expect(nextEvergreen(withEnd, new Date('2026-03-01T09:00:00Z'), 1, 'UTC')).toBeNull();
  });
});

describe('queue slots', () => {
  const slots = [
    { weekday: 1, localTime: '09:30' },
    { weekday: 3, localTime: '14:00' },
    { weekday: 1, localTime: '08:00' },
  ];
  it('takes the next free slot in the workspace zone, skipping taken ones', () => {
    // Monday 2026-11-23 10:00 in Paris: Monday's slots have passed; Wednesday 14:00 is next.
    const after = DateTime.fromISO('2026-11-23T10:00', { zone: 'Europe/Paris' }).toJSDate();
    const first = nextFreeSlot(slots, 'Europe/Paris', after, new Set())!;
    expect(local(first.toISOString(), 'Europe/Paris')).toBe('2026-11-25 14:00');
    const second = nextFreeSlot(slots, 'Europe/Paris', after, new Set([first.getTime()]))!;
    expect(local(second.toISOString(), 'Europe/Paris')).toBe('2026-11-30 08:00');
  });
  it('has no slot when the account has none', () => {
    expect(nextFreeSlot([], 'UTC', new Date(), new Set())).toBeNull();
  });
});
