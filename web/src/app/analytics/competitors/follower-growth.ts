import type { FigureColumn } from '../chart-figure.component';
import type { LineSeries } from '../chart-kit';
import { dayInZone } from '../date-range';
import { networkName } from '../metric-formulas';

/** One account's followers day by day, for the growth chart. */
export interface GrowthLine {
  id: string;
  kind: 'competitor' | 'own';
  /** "@acme_coffee" for a competitor, the account's name for one of ours. */
  label: string;
  network: string;
  days: Array<{ day: string; followers: number | null }>;
}

/** "@acme_coffee (X)", "Our brand (Sandbox, yours)": a line's name in the legend and the table. */
export function growthName(line: GrowthLine): string {
  return `${line.label} (${networkName(line.network)}${line.kind === 'own' ? ', yours' : ''})`;
}

/** One line per account; a day without a follower count is a gap, not a zero. */
export function growthSeries(lines: GrowthLine[], zone: string): LineSeries[] {
  return lines.map((line) => ({
    name: growthName(line),
    series: line.days
      .filter((d) => d.followers !== null)
      .map((d) => ({ name: dayInZone(d.day, zone).toJSDate(), value: d.followers as number })),
  }));
}

/** The same figures as a table: a row per day, a column per account. */
/** A day's followers of each account, by column key (a0, a1, …). */
type GrowthRow = Record<string, string | number | null>;

export function growthTable(lines: GrowthLine[]): { columns: FigureColumn[]; rows: GrowthRow[] } {
  const columns: FigureColumn[] = [
    { key: 'day', label: 'Day', style: 'day' },
    ...lines.map((line, i) => ({ key: `a${i}`, label: growthName(line), style: 'count' as const })),
  ];
  const byDay = new Map<string, GrowthRow>();
  lines.forEach((line, i) => {
    for (const d of line.days) {
      const row: GrowthRow = byDay.get(d.day) ?? { day: d.day };
      row[`a${i}`] = d.followers;
      byDay.set(d.day, row);
    }
  });
  const rows = [...byDay.values()].sort((a, b) => String(a['day']).localeCompare(String(b['day'])));
  return { columns, rows };
}
