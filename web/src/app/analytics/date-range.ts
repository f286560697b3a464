import { DateTime } from 'luxon';

/** The periods the date-range picker offers; "custom" reads its days from the URL. */
export const RANGE_PRESETS = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
  { id: 'custom', label: 'Custom' },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** The API's default period, so a link without a range shows what the API would answer. */
export const DEFAULT_PRESET: RangePreset = '30d';

export interface DayRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isPreset(value: string | null): value is RangePreset {
  return RANGE_PRESETS.some((p) => p.id === value);
}

/** A YYYY-MM-DD that is a real day. */
export function isDay(value: string | null | undefined): value is string {
  return !!value && DAY.test(value) && DateTime.fromISO(value).isValid;
}

/**
 * The inclusive days of a preset, counted from "today" in the workspace's zone (the API counts days
 * there too). A custom range without two valid, ordered days falls back to the default.
 */
export function resolveRange(
  preset: RangePreset,
  zone: string,
  custom: Partial<DayRange> = {},
  now: DateTime = DateTime.now(),
): DayRange {
  const today = now.setZone(zone).startOf('day');
  const day = (d: DateTime) => d.toISODate() ?? '';
  switch (preset) {
    case '7d':
      return { from: day(today.minus({ days: 6 })), to: day(today) };
    case '30d':
      return { from: day(today.minus({ days: 29 })), to: day(today) };
    case '90d':
      return { from: day(today.minus({ days: 89 })), to: day(today) };
    case 'this-month':
      return { from: day(today.startOf('month')), to: day(today) };
    case 'last-month': {
      const last = today.minus({ months: 1 });
      return { from: day(last.startOf('month')), to: day(last.endOf('month')) };
    }
    case 'custom':
      return isDay(custom.from) && isDay(custom.to) && custom.from <= custom.to
        ? { from: custom.from, to: custom.to }
        : resolveRange(DEFAULT_PRESET, zone, {}, now);
  }
}

/** A YYYY-MM-DD as a moment at the start of that day in `zone`, for the one date formatter. */
export function dayInZone(day: string, zone: string): DateTime {
  return DateTime.fromISO(day, { zone });
}
