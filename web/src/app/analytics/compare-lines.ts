import { lineSeries, type LineSeries } from './chart-kit';
import type { FigureColumn } from './chart-figure.component';

/** How a line or column over the previous period is named. */
export const PREVIOUS_PERIOD = 'previous period';

/**
 * The previous period's lines take a light tint of their metric's colour and are drawn dashed:
 * ngx-charts has no per-line dash, so chart-figure.component.ts styles lines of these colours
 * dashed (keep the two lists alike).
 */
export const PREVIOUS_TINTS = ['#a5b4fc', '#7dd3fc', '#fcd34d', '#f9a8d4', '#6ee7b7', '#d1d5db'];

export const previousLabel = (label: string) => `${label} (${PREVIOUS_PERIOD})`;

type Metric<T> = { key: keyof T & string; label: string };

/**
 * The period's lines, and with `previous` each metric's line over the previous period, its nth
 * day drawn at the nth day of the period so the two lines compare day by day.
 */
export function comparedLines<T extends { day: string }>(
  rows: T[],
  previous: T[] | null,
  metrics: ReadonlyArray<Metric<T>>,
  zone: string,
): LineSeries[] {
  const lines = lineSeries(rows, metrics, zone);
  if (!previous) return lines.filter((line) => line.series.length);
  const aligned = previous.slice(0, rows.length).map((day, i) => ({ ...day, day: rows[i].day }));
  const earlier = lineSeries(
    aligned,
    metrics.map((m) => ({ key: m.key, label: previousLabel(m.label) })),
    zone,
  );
  return [...lines, ...earlier].filter((line) => line.series.length);
}

/**
 * Colours for ngx-charts' customColors: each previous-period line in its metric's tint. One group
 * per chart, its metrics in the order the chart draws them (the nth gets the nth scheme colour).
 */
export function previousColors(...charts: string[][]): Array<{ name: string; value: string }> {
  return charts.flatMap((labels) =>
    labels.map((label, i) => ({ name: previousLabel(label), value: PREVIOUS_TINTS[i % PREVIOUS_TINTS.length] })),
  );
}

/** A chart's table with the previous period beside it: the previous day, then each figure of it. */
export function comparedColumns(columns: FigureColumn[], compare: boolean): FigureColumn[] {
  if (!compare) return columns;
  const [day, ...figures] = columns;
  return [
    day,
    ...figures,
    { key: 'previousDay', label: `Day of the ${PREVIOUS_PERIOD}`, style: 'day' },
    ...figures.map((c) => ({ ...c, key: `previous_${c.key}`, label: previousLabel(c.label) })),
  ];
}

/** The table's rows: each day of the period with the same day of the previous period beside it. */
export function comparedRows<T extends { day: string }>(rows: T[], previous: T[] | null): object[] {
  if (!previous) return rows;
  return rows.map((row, i) => {
    const earlier = previous[i] as Record<string, unknown> | undefined;
    const beside = Object.fromEntries(
      Object.entries(earlier ?? {})
        .filter(([key]) => key !== 'day')
        .map(([key, value]) => [`previous_${key}`, value]),
    );
    return { ...row, previousDay: earlier?.['day'] ?? null, ...beside };
  });
}
