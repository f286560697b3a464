import { DateTime } from 'luxon';
import { rrulestr } from 'rrule';
import type { EvergreenRule } from './schedule.entity';

/**
 * rrule computes in the process's zone when given a TZID, which drifts across DST unless the
 * process runs in UTC. So rules are expanded in "floating" wall-clock time (local times written as
 * if they were UTC) and each occurrence is placed in the workspace zone with luxon.
 */
const toFloating = (instant: Date, zone: string): Date => {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
};

const fromFloating = (floating: Date, zone: string): Date =>
  DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
    },
    { zone },
  ).toJSDate();

/** Thrown for an RRULE rrule cannot read; the message is rrule's own. */
export class InvalidRecurrenceError extends Error {}

/** The rule's options with DTSTART at `start`'s wall-clock time in `zone` (any DTSTART/TZID in the text is replaced). */
function floatingRule(rule: string, start: Date, zone: string) {
  const body = rule
    .split(/\r?\n/)
    .filter((line) => !/^DTSTART/i.test(line))
    .map((line) => line.replace(/^RRULE:/i, ''))
    .join(';');
  try {
    return rrulestr(`RRULE:${body}`, { dtstart: toFloating(start, zone) });
  } catch (error) {
    throw new InvalidRecurrenceError((error as Error).message);
  }
}

/** Up to `limit` occurrences strictly after `after` (and before `before`, when given), as instants. */
export function recurringOccurrences(
  rule: string,
  start: Date,
  zone: string,
  after: Date,
  limit: number,
  before?: Date,
): Date[] {
  const parsed = floatingRule(rule, start, zone);
  const out: Date[] = [];
  // A day's slack on either side of the wall-clock conversion; the exact test is on instants.
  const from = new Date(toFloating(after, zone).getTime() - 86_400_000);
  // Without an end, a rule that never ends would be walked to the iteration bound for a range of a few days.
  const until = before && new Date(toFloating(before, zone).getTime() + 86_400_000);
  parsed.all((date, index) => {
    if (index > 100_000 || (until && date > until)) return false;
    if (date >= from) {
      const instant = fromFloating(date, zone);
      if (instant > after && (!before || instant < before)) out.push(instant);
    }
    return out.length < limit;
  });
  return out;
}

/** Occurrences within [from, to), for the calendar. */
export function recurringBetween(rule: string, start: Date, zone: string, from: Date, to: Date, limit = 500): Date[] {
  return recurringOccurrences(rule, start, zone, new Date(from.getTime() - 1), limit, to);
}

/** The first occurrence from `start` and after `now`; rejects a rule with none (a typo'd UNTIL, COUNT=0). */
export function assertRecurs(rule: string, start: Date, zone: string, now = new Date(0)): Date {
  const after = new Date(Math.max(start.getTime() - 1, now.getTime()));
  const [first] = recurringOccurrences(rule, start, zone, after, 1);
  if (!first) throw new InvalidRecurrenceError('the rule has no occurrence after its start');
  return first;
}

/** The evergreen occurrence after `previous` (same wall-clock time, `intervalDays` later), or null when done. */
export function nextEvergreen(rule: EvergreenRule, previous: Date, done: number, zone: string): Date | null {
  if (rule.maxRepeats !== null && done >= rule.maxRepeats) return null;
  const next = DateTime.fromJSDate(previous, { zone }).plus({ days: rule.intervalDays }).toJSDate();
  if (rule.endAt !== null && next > new Date(rule.endAt)) return null;
  return next;
}

/** A weekly slot of an account: ISO weekday and `HH:mm`. */
export interface WeeklySlot {
  weekday: number;
  localTime: string;
}

/** The first slot time after `after` that is not already taken, looking at most `weeks` ahead. */
export function nextFreeSlot(
  slots: WeeklySlot[],
  zone: string,
  after: Date,
  taken: ReadonlySet<number>,
  weeks = 52,
): Date | null {
  if (slots.length === 0) return null;
  const today = DateTime.fromJSDate(after, { zone }).startOf('day');
  for (let day = 0; day < weeks * 7; day++) {
    const date = today.plus({ days: day });
    const times = slots
      .filter((s) => s.weekday === date.weekday)
      .map((s) => s.localTime)
      .sort();
    for (const time of times) {
      const [hour, minute] = time.split(':').map(Number);
      const at = date.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
      if (at > after && !taken.has(at.getTime())) return at;
    }
  }
  return null;
}
