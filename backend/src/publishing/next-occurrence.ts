import { nextEvergreen, recurringOccurrences } from '../scheduling/occurrences';
import { Schedule } from '../scheduling/schedule.entity';

/** The occurrence after `current` for repeating schedules; null when the schedule has no more. */
export function nextOccurrence(schedule: Schedule | undefined, current: Date): Date | null {
  if (!schedule) return null;
  if (schedule.type === 'recurring' && schedule.rrule) {
    const [next] = recurringOccurrences(schedule.rrule, schedule.startAt ?? current, schedule.timeZone, current, 1);
    return next ?? null;
  }
  if (schedule.type === 'evergreen' && schedule.evergreen) {
    // occurrences counts the ones handed out before this one, which is about to be handed out too.
    return nextEvergreen(schedule.evergreen, current, schedule.occurrences + 1, schedule.timeZone);
  }
  return null;
}
