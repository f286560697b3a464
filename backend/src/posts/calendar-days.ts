import { DateTime } from 'luxon';

/**
 * The local date (`yyyy-MM-dd` in `zone`) of instants within [from, to], for many instants: the
 * range's midnights are computed once with luxon and each instant is placed among them by binary
 * search. A luxon DateTime per entry costs more than the rest of a month of 8,000 entries.
 */
export function dayOfInstant(from: Date, to: Date, zone: string): (epochMs: number) => string {
  const starts: number[] = [];
  const dates: string[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone }).startOf('day');
  while (day <= last) {
    starts.push(day.toMillis());
    dates.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  const end = last.plus({ days: 1 }).toMillis();
  return (epochMs) => {
    // Outside the range (an attempt published after its occurrence): rare, so computed directly.
    if (epochMs < starts[0] || epochMs >= end) {
      return DateTime.fromMillis(epochMs, { zone }).toISODate()!;
    }
    let low = 0;
    let high = starts.length - 1;
    // The last midnight at or before the instant.
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= epochMs) low = mid;
      else high = mid - 1;
    }
    return dates[low];
  };
}

/** The local days (in `zone`) that [from, to) touches, each cut to the range, with its parameters' key. */
export function localDays(
  from: Date,
  to: Date,
  zone: string,
): Array<{ date: string; key: string; from: Date; to: Date }> {
  const days = [];
  for (let day = DateTime.fromJSDate(from, { zone }).startOf('day'); day.toMillis() < to.getTime();) {
    const next = day.plus({ days: 1 });
    days.push({
      date: day.toISODate()!,
      key: `d${days.length}`,
      from: new Date(Math.max(day.toMillis(), from.getTime())),
      to: new Date(Math.min(next.toMillis(), to.getTime())),
    });
    day = next;
  }
  return days;
}
