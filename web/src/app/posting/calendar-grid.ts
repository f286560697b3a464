import { DateTime } from 'luxon';
import { formatWhen } from '../shared/format';

export type CalendarView = 'month' | 'week' | 'day';

export interface CalendarDay {
  /** ISO date in the workspace zone, e.g. 2026-11-25. */
  date: string;
  label: string;
  inMonth: boolean;
  today: boolean;
}

/** The days a view shows around `anchor`, and the instant range to ask the API for. */
export function gridFor(view: CalendarView, anchor: DateTime, firstDayOfWeek: number) {
  // The workspace's first day of the week: 0 = Sunday … 6 = Saturday; luxon's weekday: 1 = Monday … 7 = Sunday.
  const startOfWeek = (d: DateTime) => d.minus({ days: ((d.weekday % 7) - firstDayOfWeek + 7) % 7 }).startOf('day');
  let start: DateTime;
  let count: number;
  if (view === 'month') {
    start = startOfWeek(anchor.startOf('month'));
    count = 42;
  } else if (view === 'week') {
    start = startOfWeek(anchor);
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
      inMonth: view !== 'month' || d.month === anchor.month,
      today: d.toISODate() === today,
    };
  });
  return { days, from: start.toUTC().toISO()!, to: start.plus({ days: count }).toUTC().toISO()! };
}

/** The heading of the period shown. */
export function titleFor(view: CalendarView, anchor: DateTime): string {
  if (view === 'month') return formatWhen(anchor, anchor.zone, 'month');
  if (view === 'day') return formatWhen(anchor, anchor.zone, 'day');
  return `Week of ${formatWhen(anchor, anchor.zone, 'longDate')}`;
}

export function step(view: CalendarView, anchor: DateTime, direction: 1 | -1): DateTime {
  return anchor.plus(
    view === 'month' ? { months: direction } : view === 'week' ? { weeks: direction } : { days: direction },
  );
}
