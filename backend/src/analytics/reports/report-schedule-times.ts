import { DateTime } from 'luxon';
import type { ReportFrequency } from './analytics-report-schedule.entity';

export interface ScheduleTiming {
  frequency: ReportFrequency;
  /** 1 = Monday … 7 = Sunday (weekly). */
  weekday: number | null;
  /** 1–28 (monthly). */
  monthDay: number | null;
  /** 0–23, wall-clock hour in `timeZone`. */
  hour: number;
}

/**
 * The first send strictly after `after`, at the schedule's wall-clock hour in `timeZone`. Computed
 * on local calendar dates with luxon, so a DST change keeps the hour (an hour skipped by the
 * spring change is sent at the first hour after it; a repeated autumn hour is sent once, the first time).
 */
export function nextRunAfter(timing: ScheduleTiming, timeZone: string, after: Date): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  const at = (day: DateTime) => day.set({ hour: timing.hour, minute: 0, second: 0, millisecond: 0 });
  if (timing.frequency === 'weekly') {
    const weekday = timing.weekday ?? 1;
    let day = local.startOf('day').plus({ days: (weekday - local.weekday + 7) % 7 });
    while (at(day) <= local) day = day.plus({ weeks: 1 });
    return at(day).toJSDate();
  }
  let day = local.startOf('month').set({ day: timing.monthDay ?? 1 });
  while (at(day) <= local) day = day.plus({ months: 1 });
  return at(day).toJSDate();
}

/**
 * The whole period a send at `runAt` reports on, as local days: the week (Monday–Sunday) or the
 * calendar month before the one the send falls in.
 */
export function periodBefore(frequency: ReportFrequency, timeZone: string, runAt: Date): { from: string; to: string } {
  const local = DateTime.fromJSDate(runAt, { zone: timeZone });
  const unit = frequency === 'weekly' ? 'week' : 'month';
  const start = local.startOf(unit).minus({ [`${unit}s`]: 1 });
  return { from: start.toISODate()!, to: start.endOf(unit).toISODate()! };
}
