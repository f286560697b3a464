import { DateTime } from 'luxon';
import { formatWhen } from '../shared/format';

export type CalendarView = 'month' | 'week' | 'day';
export const CALENDAR_VIEWS: CalendarView[] = ['month', 'week', 'day'];

export interface CalendarDay {
  /** ISO date in the workspace zone, e.g. 2026-11-25. */
  date: string;
  label: string;
  /** The day in full, for screen readers and headings ("Monday 30 November 2026"). */
  longLabel: string;
  inMonth: boolean;
  today: boolean;
}

/** The first day of the week containing `d`: 0 = Sunday … 6 = Saturday (luxon's weekday: 1 = Monday … 7 = Sunday). */
export function startOfWeek(d: DateTime, firstDayOfWeek: number): DateTime {
  return d.minus({ days: ((d.weekday % 7) - firstDayOfWeek + 7) % 7 }).startOf('day');
}

/** The days a view shows around `anchor`, and the instant range to ask the API for. */
export function gridFor(view: CalendarView, anchor: DateTime, firstDayOfWeek: number) {
  let start: DateTime;
  let count: number;
  if (view === 'month') {
    start = startOfWeek(anchor.startOf('month'), firstDayOfWeek);
    count = 42;
  } else if (view === 'week') {
    start = startOfWeek(anchor, firstDayOfWeek);
    count = 7;
  } else {
    start = anchor.startOf('day');
    count = 1;
  }
  const today = DateTime.now().setZone(anchor.zone).toISODate();
  const days: CalendarDay[] = Array.from({ length: count }, (_, i) => {
    const d = start.plus({ days: i });
    return {
      date: d.toISODate()!,
      label: view === 'month' ? String(d.day) : formatWhen(d, d.zone, 'date'),
      longLabel: formatWhen(d, d.zone, 'day'),
      inMonth: view !== 'month' || d.month === anchor.month,
      today: d.toISODate() === today,
    };
  });
  return { days, from: start.toUTC().toISO()!, to: start.plus({ days: count }).toUTC().toISO()! };
}

/**
 * The heading of the period shown: "November 2026", "Week of 30 Nov" (the week's first day, with
 * its year when that is not this year's), "Monday 30 November 2026".
 */
export function titleFor(view: CalendarView, anchor: DateTime, firstDayOfWeek: number): string {
  if (view === 'month') return formatWhen(anchor, anchor.zone, 'month');
  if (view === 'day') return formatWhen(anchor, anchor.zone, 'day');
  return `Week of ${formatWhen(startOfWeek(anchor, firstDayOfWeek), anchor.zone, 'shortDate')}`;
}

export function step(view: CalendarView, anchor: DateTime, direction: 1 | -1): DateTime {
  return anchor.plus(
    view === 'month' ? { months: direction } : view === 'week' ? { weeks: direction } : { days: direction },
  );
}

/** The instant of a wall-clock time on a day in `zone` (minutes after midnight), as an ISO instant. */
export function instantAt(date: string, minutes: number, zone: string): string {
  return DateTime.fromISO(date, { zone })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toUTC()
    .toISO()!;
}
