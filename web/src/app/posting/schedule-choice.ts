import { DateTime } from 'luxon';
import type { Post, ScheduleInput } from '../core/api.types';
import { fromLocalInput, toLocalInput } from '../shared/zone-time';

export type ScheduleMode = 'now' | 'draft' | 'single' | 'queue' | 'best-time' | 'recurring' | 'evergreen';
export type Repeat = 'daily' | 'weekdays' | 'weekly' | 'custom';

/** The composer's "When" section as the person filled it in. */
export interface ScheduleChoice {
  mode: ScheduleMode;
  /** `datetime-local` value, read in the workspace zone. */
  at: string;
  repeat: Repeat;
  rrule: string;
  intervalDays: number;
  maxRepeats: number | null;
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Posting times closer than this to now are not offered as the default (no time to review). */
const LEAD_MINUTES = 15;

/**
 * The workspace's next default posting time ("HH:mm" in its zone) at least a few minutes ahead,
 * today or on a following day; null when it has none.
 */
export function nextPostingTime(zone: string, postingTimes: string[], now = DateTime.now()): DateTime | null {
  const earliest = now.setZone(zone).plus({ minutes: LEAD_MINUTES });
  const times = [...postingTimes].sort();
  for (let day = 0; day < 2 && times.length; day++) {
    for (const time of times) {
      const [hour, minute] = time.split(':').map(Number);
      const at = earliest.startOf('day').plus({ days: day }).set({ hour, minute });
      if (at >= earliest) return at;
    }
  }
  return null;
}

/** The date part of a `datetime-local` value with another time of day ("HH:mm"). */
export function atTime(local: string, time: string): string {
  return `${local.slice(0, 10)}T${time}`;
}

/**
 * A sensible default: the workspace's next default posting time; without one, the next full
 * hour, tomorrow morning if that is late at night.
 */
export function defaultChoice(zone: string, postingTimes: string[] = []): ScheduleChoice {
  let at = DateTime.now().setZone(zone).plus({ hours: 1 }).startOf('hour');
  if (at.hour >= 22 || at.hour < 7) at = at.plus({ days: at.hour >= 22 ? 1 : 0 }).set({ hour: 9 });
  at = nextPostingTime(zone, postingTimes) ?? at;
  return {
    mode: 'draft',
    at: toLocalInput(at.toISO()!, zone),
    repeat: 'weekly',
    rrule: '',
    intervalDays: 30,
    maxRepeats: null,
  };
}

/** The RRULE for a repeat preset, at the chosen local time. */
export function ruleFor(choice: ScheduleChoice, zone: string): string {
  if (choice.repeat === 'custom') return choice.rrule.trim();
  const at = DateTime.fromISO(choice.at, { zone });
  const time = `BYHOUR=${at.hour};BYMINUTE=${at.minute};BYSECOND=0`;
  if (choice.repeat === 'daily') return `FREQ=DAILY;${time}`;
  if (choice.repeat === 'weekdays') return `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;${time}`;
  return `FREQ=WEEKLY;BYDAY=${WEEKDAY_CODES[at.weekday - 1]};${time}`;
}

/** The API's schedule, or null for a draft. */
export function toScheduleInput(choice: ScheduleChoice, zone: string): ScheduleInput | null {
  const at = fromLocalInput(choice.at, zone) ?? undefined;
  switch (choice.mode) {
    case 'draft':
      return null;
    case 'now':
      // The server's clock decides, not this browser's.
      return { type: 'now' };
    case 'single':
      return { type: 'single', at };
    case 'queue':
      return { type: 'queue' };
    case 'best-time':
      return { type: 'best-time' };
    case 'recurring':
      return { type: 'recurring', at, rrule: ruleFor(choice, zone) };
    case 'evergreen':
      return {
        type: 'evergreen',
        at,
        intervalDays: choice.intervalDays,
        ...(choice.maxRepeats ? { maxRepeats: choice.maxRepeats } : {}),
      };
  }
}

/** A saved post's schedule back in the form's terms (editing). */
export function choiceOf(post: Post, zone: string): ScheduleChoice {
  const base = defaultChoice(zone);
  const schedule = post.schedule;
  if (!schedule) return base;
  const first = schedule.at ?? post.nextRunAt;
  const at = first ? toLocalInput(first, zone) : base.at;
  if (schedule.type === 'recurring')
    return { ...base, mode: 'recurring', at, repeat: 'custom', rrule: schedule.rrule ?? '' };
  if (schedule.type === 'evergreen') {
    return {
      ...base,
      mode: 'evergreen',
      at,
      intervalDays: schedule.evergreen?.intervalDays ?? 30,
      maxRepeats: schedule.evergreen?.maxRepeats ?? null,
    };
  }
  // A queued (or best-time) post keeps the time it got: edit it as a single time.
  const next = post.nextRunAt ? toLocalInput(post.nextRunAt, zone) : at;
  return { ...base, mode: 'single', at: next };
}
