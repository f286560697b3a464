import { DateTime } from 'luxon';
import type { KpiUnit, ReportPeriod } from './report-data';

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const RATE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const CHANGE = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A metric as the report prints it; null is a metric nobody provided, never 0. */
export function formatMetric(value: number | null, unit: KpiUnit = 'count'): string {
  if (value === null) return 'n/a';
  return unit === 'percent' ? `${RATE.format(value)}%` : COUNT.format(value);
}

/** "+12.5%", "-3.0%", "no change"; null when there is nothing to compare with. */
export function formatChange(changePercent: number | null): string | null {
  if (changePercent === null) return null;
  if (Math.abs(changePercent) < 0.05) return 'no change';
  // ASCII minus: pdftotext and screen readers read it back as the sign it is.
  return `${changePercent > 0 ? '+' : '-'}${CHANGE.format(Math.abs(changePercent))}%`;
}

/** "1 November 2026 to 30 November 2026 (30 days)". */
export function periodInWords(period: ReportPeriod): string {
  const from = DateTime.fromISO(period.from);
  const to = DateTime.fromISO(period.to);
  const days = Math.round(to.diff(from, 'days').days) + 1;
  return `${from.toFormat('d MMMM yyyy')} to ${to.toFormat('d MMMM yyyy')} (${days} ${days === 1 ? 'day' : 'days'})`;
}

/** "3 December 2026 at 16:30 (Europe/Paris)": the reader's wall clock, with the zone named. */
export function momentInWords(at: Date, timeZone: string): string {
  return `${DateTime.fromJSDate(at, { zone: timeZone }).toFormat("d MMMM yyyy 'at' HH:mm")} (${timeZone})`;
}

/** "2 Nov 2026 09:00" in a table cell (the zone is named in the header). */
export function shortMoment(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('d LLL yyyy HH:mm');
}

/** "Tuesday 09:00". */
export function slotInWords(weekday: number, hour: number): string {
  return `${WEEKDAYS[weekday - 1]} ${String(hour).padStart(2, '0')}:00`;
}

/** "Nov 3" under a chart's x axis. */
export function shortDay(day: string): string {
  return DateTime.fromISO(day).toFormat('d LLL');
}

// WinAnsi (the standard PDF fonts' encoding): Latin-1 plus these typographic marks.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the built-in Helvetica can draw: other characters (emoji, scripts outside Latin-1) are left
 * out rather than drawn as wrong glyphs, and line breaks become spaces.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
