import { formatWhen } from '../../shared/format';
import { dayInZone } from '../date-range';
import type { ReportSchedule } from './reports.api';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "4 Nov – 3 Dec": a report's inclusive days, as the app writes days. */
export function periodText(from: string, to: string, zone: string): string {
  const day = (d: string) => formatWhen(dayInZone(d, zone), zone, 'shortDate');
  return from === to ? day(from) : `${day(from)} – ${day(to)}`;
}

/** "09:00": an hour of the workspace's day. */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "1st", "2nd", "23rd". */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "Every Monday at 09:00", "Monthly on the 1st at 09:00". */
export function cadenceText(schedule: Pick<ReportSchedule, 'frequency' | 'weekday' | 'monthDay' | 'hour'>): string {
  const at = hourText(schedule.hour);
  return schedule.frequency === 'weekly'
    ? `Every ${WEEKDAY_NAMES[(schedule.weekday ?? 1) - 1]} at ${at}`
    : `Monthly on the ${ordinal(schedule.monthDay ?? 1)} at ${at}`;
}
