import { Cron } from 'croner';
import { formatWhen } from '../../shared/format';

/** What the schedule builder offers; `custom` is any other cron, edited as text. */
export type ScheduleMode = 'daily' | 'weekdays' | 'weekly' | 'hours' | 'custom';

export interface ScheduleChoice {
  mode: ScheduleMode;
  /** `HH:MM` for daily, weekdays and weekly. */
  time: string;
  /** Cron weekday numbers (0 Sunday … 6 Saturday) for weekly. */
  days: number[];
  /** Every N hours, at `minute` past. */
  everyHours: number;
  minute: number;
}

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const DEFAULT_CHOICE: ScheduleChoice = { mode: 'daily', time: '09:00', days: [1], everyHours: 4, minute: 0 };

const pad = (n: number) => String(n).padStart(2, '0');

/** The five-field cron a choice stands for (`custom` has none of its own). */
export function cronFor(choice: ScheduleChoice): string | null {
  const [hour, minute] = choice.time.split(':').map(Number);
  switch (choice.mode) {
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekdays':
      return `${minute} ${hour} * * 1-5`;
    case 'weekly':
      return `${minute} ${hour} * * ${[...choice.days].sort().join(',') || '1'}`;
    case 'hours':
      return `${choice.minute} ${choice.everyHours === 1 ? '*' : `*/${choice.everyHours}`} * * *`;
    case 'custom':
      return null;
  }
}

const dayNumber = (token: string): number | null => {
  if (/^[0-7]$/.test(token)) return Number(token) % 7;
  const i = NAMES.indexOf(token.toUpperCase());
  return i >= 0 ? i : null;
};

/** The builder's reading of a cron: one of its shapes, else `custom` (the cron stays as typed). */
export function choiceFor(cron: string): ScheduleChoice {
  const parts = cron.trim().split(/\s+/);
  const custom = { ...DEFAULT_CHOICE, mode: 'custom' as const };
  if (parts.length !== 5) return custom;
  const [m, h, dom, month, dow] = parts;
  if (!/^\d{1,2}$/.test(m) || Number(m) > 59 || dom !== '*' || month !== '*') return custom;
  const minute = Number(m);
  const every = /^(?:\*|\*\/(\d{1,2}))$/.exec(h);
  if (every && dow === '*') {
    return { ...DEFAULT_CHOICE, mode: 'hours', everyHours: every[1] ? Number(every[1]) : 1, minute };
  }
  if (!/^\d{1,2}$/.test(h) || Number(h) > 23) return custom;
  const time = `${pad(Number(h))}:${pad(minute)}`;
  if (dow === '*') return { ...DEFAULT_CHOICE, mode: 'daily', time };
  if (/^(1-5|MON-FRI)$/i.test(dow)) return { ...DEFAULT_CHOICE, mode: 'weekdays', time };
  const days = dow.split(',').map(dayNumber);
  if (days.some((d) => d === null)) return custom;
  return { ...DEFAULT_CHOICE, mode: 'weekly', time, days: [...new Set(days as number[])].sort() };
}

/** The next `count` firings of a cron in a time zone, as that zone's wall times; an error for a cron croner refuses. */
export function nextRuns(cron: string, zone: string, count = 5): { times: string[] } | { error: string } {
  try {
    const runs = new Cron(cron, { timezone: zone, paused: true }).nextRuns(count);
    return { times: runs.map((d) => formatWhen(d.toISOString(), zone, 'datetime')) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
