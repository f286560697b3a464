import { RRule } from 'rrule';
import type { RepeatRule } from '../core/api.types';
import { formatWhen } from './format';

/** What a repeating schedule carries (a post's `schedule`, the composer's choice turned into one). */
export interface RepeatingSchedule {
  type: string;
  /** The first occurrence: its time of day is the repeat's when the rule names none. */
  at: string | null;
  rrule: string | null;
  evergreen?: { intervalDays: number; maxRepeats: number | null } | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A repeat in words, "Every Monday at 08:00": the rule's own words from rrule's toText, and the time
 * of day in the workspace's zone (the rule runs there). Null for a schedule that does not repeat.
 */
export function describeRepeat(schedule: RepeatingSchedule | null | undefined, zone: string): string | null {
  if (!schedule) return null;
  if (schedule.type === 'evergreen' && schedule.evergreen) {
    const { intervalDays, maxRepeats } = schedule.evergreen;
    const every = intervalDays === 1 ? 'Every day' : `Every ${intervalDays} days`;
    const limit = maxRepeats ? `, ${maxRepeats} time${maxRepeats === 1 ? '' : 's'} at most` : '';
    return `${every}${atTime(schedule.at, zone)}${limit}`;
  }
  if (schedule.type !== 'recurring' || !schedule.rrule) return null;
  return ruleInWords(schedule.rrule, schedule.at, zone);
}

function ruleInWords(rule: string, at: string | null, zone: string): string {
  let options;
  try {
    options = RRule.parseString(rule);
  } catch {
    return `Repeats (${rule})`;
  }
  const { byhour, byminute } = options;
  // rrule would say "at 8" (hours only): the time is written by us, as the rest of the app writes it.
  delete options.byhour;
  delete options.byminute;
  delete options.bysecond;
  const hours = [byhour ?? []].flat();
  const minutes = [byminute ?? [0]].flat();
  const times = hours.length
    ? hours.flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`))
    : at
      ? [formatWhen(at, zone, 'time')]
      : [];
  let words = new RRule(options).toText();
  // "every week on Monday" reads as "every Monday" when it is each week.
  if (options.freq === RRule.WEEKLY && (options.interval ?? 1) === 1)
    words = words.replace(/^every week on /, 'every ');
  const when = times.length ? ` at ${times.join(' and ')}` : '';
  return words.charAt(0).toUpperCase() + words.slice(1) + when;
}

function atTime(at: string | null, zone: string): string {
  return at ? ` at ${formatWhen(at, zone, 'time')}` : '';
}

/** An occurrence's repeat in words, from the rule a calendar or home entry carries and its time. */
export function describeRepeatRule(rule: RepeatRule | null, at: string, zone: string): string | null {
  if (!rule) return null;
  const evergreen = rule.intervalDays ? { intervalDays: rule.intervalDays, maxRepeats: null } : null;
  return describeRepeat({ type: rule.type, at, rrule: rule.rrule, evergreen }, zone);
}
