import { Color, ScaleType } from '@swimlane/ngx-charts';
import { DateTime } from 'luxon';
import { formatFigure, formatWhen } from '../shared/format';
import { dayInZone } from './date-range';

/** The charts' colours: the product's indigo first, then colours told apart without red/green. */
export const CHART_SCHEME: Color = {
  name: 'socialorchestrator',
  selectable: false,
  group: ScaleType.Ordinal,
  domain: ['#4f46e5', '#0ea5e9', '#f59e0b', '#db2777', '#10b981', '#6b7280'],
};

/** One colour for bars that count one thing (an ordinal scheme would colour each day differently). */
export const BAR_SCHEME: Color = { ...CHART_SCHEME, name: 'socialorchestrator-bars', domain: ['#4f46e5'] };

export interface LinePoint {
  name: Date;
  value: number;
}

export interface LineSeries {
  name: string;
  series: LinePoint[];
}

/**
 * One line per metric over days; a day without a value is left out of its line (a gap, not a zero).
 */
export function lineSeries<T extends { day: string }>(
  rows: T[],
  metrics: ReadonlyArray<{ key: keyof T & string; label: string }>,
  zone: string,
): LineSeries[] {
  return metrics.map(({ key, label }) => ({
    name: label,
    series: rows
      .filter((row) => typeof row[key] === 'number')
      .map((row) => ({ name: dayInZone(row.day, zone).toJSDate(), value: row[key] as number })),
  }));
}

/** Ticks of a time axis, written as the app writes a day ("7 Dec"). */
export function dayTick(zone: string): (value: Date | string) => string {
  return (value) =>
    formatWhen(typeof value === 'string' ? dayInZone(value, zone) : DateTime.fromJSDate(value), zone, 'shortDate');
}

/** Axis numbers: whole up to 10,000 (compact "4.9k" would repeat on a tight axis), compact above. */
export const figureTick = (value: number): string =>
  formatFigure(value, Math.abs(value) < 10_000 ? 'count' : 'compact');

/** Every nth label of a long list, so a bar chart's axis stays readable. */
export function sparseTicks(labels: string[], most = 10): string[] {
  const step = Math.max(1, Math.ceil(labels.length / most));
  return labels.filter((_, i) => i % step === 0);
}
