import { DateTime } from 'luxon';

/** Local calendar days of the workspace zone, both ends included, as the rollups store them. */
export interface DayRange {
  from: string;
  to: string;
}

export interface ReadRange extends DayRange {
  previous: DayRange;
  timeZone: string;
  /** Number of days in the range (from and to included). */
  days: number;
}

export const DEFAULT_RANGE_DAYS = 30;
/** Longest range a read covers: a few years of daily rows stays a quick index range. */
export const MAX_RANGE_DAYS = 1100;

const day = (value: string, zone: string) => DateTime.fromISO(value, { zone });

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export const isCalendarDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;

/**
 * The range a read covers and the equal-length period before it. Without `from`/`to` it is the
 * last 30 days up to today in the workspace zone; one end alone is completed to 30 days.
 */
export function readRange(input: Partial<DayRange>, timeZone: string, now = new Date()): ReadRange {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const to = input.to
    ? day(input.to, timeZone)
    : input.from
      ? DateTime.min(day(input.from, timeZone).plus({ days: DEFAULT_RANGE_DAYS - 1 }), today)
      : today;
  const from = input.from ? day(input.from, timeZone) : to.minus({ days: DEFAULT_RANGE_DAYS - 1 });
  const days = Math.round(to.diff(from, 'days').days) + 1;
  const previousTo = from.minus({ days: 1 });
  return {
    from: from.toISODate()!,
    to: to.toISODate()!,
    days,
    timeZone,
    previous: { from: previousTo.minus({ days: days - 1 }).toISODate()!, to: previousTo.toISODate()! },
  };
}

/** Every day of a range in order (the series has a point for each, data or not). */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(range.from, { zone: 'UTC' }); d.toISODate()! <= range.to; d = d.plus({ days: 1 }))
    out.push(d.toISODate()!);
  return out;
}

/** The UTC instants a range of local days spans: [start of `from`, start of the day after `to`). */
export function instantsOf(range: DayRange, timeZone: string): { start: Date; end: Date } {
  return {
    start: day(range.from, timeZone).startOf('day').toJSDate(),
    end: day(range.to, timeZone).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/** Monday of the ISO week a day falls in (weekly posting frequency). */
export const weekStartOf = (value: string): string =>
  DateTime.fromISO(value, { zone: 'UTC' }).startOf('week').toISODate()!;
