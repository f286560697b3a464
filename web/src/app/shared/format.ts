import { inject, Pipe, PipeTransform } from '@angular/core';
import { DateTime, type Zone } from 'luxon';
import { WorkspaceService } from '../core/workspace.service';

/**
 * How the app writes a moment, everywhere: "Mon 7 Dec, 09:00", with the year when it is not this
 * year's. One list of styles, so a page cannot invent its own.
 */
const STYLES = {
  /** Mon 7 Dec, 09:00 */
  datetime: ['EEE d MMM, HH:mm', 'EEE d MMM yyyy, HH:mm'],
  /** Mon 7 Dec */
  date: ['EEE d MMM', 'EEE d MMM yyyy'],
  /** 09:00 */
  time: ['HH:mm', 'HH:mm'],
  /** Mon */
  weekday: ['ccc', 'ccc'],
  /** Monday 7 December 2026 (a day's heading) */
  day: ['cccc d LLLL yyyy', 'cccc d LLLL yyyy'],
  /** 7 December 2026 */
  longDate: ['d LLLL yyyy', 'd LLLL yyyy'],
  /** 7 Dec (a week's heading: "Week of 7 Dec") */
  shortDate: ['d MMM', 'd MMM yyyy'],
  /** December 2026 (a month's heading) */
  month: ['LLLL yyyy', 'LLLL yyyy'],
} as const;

export type WhenStyle = keyof typeof STYLES;

/**
 * A moment in `zone` (the workspace's, unless a page says it shows the viewer's). Takes an ISO
 * instant or a luxon DateTime; an absent moment is a dash.
 */
export function formatWhen(
  at: string | DateTime | null | undefined,
  zone: string | Zone,
  style: WhenStyle = 'datetime',
): string {
  if (!at) return '—';
  const local = (typeof at === 'string' ? DateTime.fromISO(at) : at).setZone(zone);
  if (!local.isValid) return '—';
  const [thisYear, otherYear] = STYLES[style];
  return local.toFormat(local.year === DateTime.now().setZone(zone).year ? thisYear : otherYear, { locale: 'en-GB' });
}

/** The zone the browser runs in: only for pages that say they show the viewer's own time. */
export const viewerZone = (): string => DateTime.local().zoneName ?? 'UTC';

/**
 * `{{ iso | when }}` or `{{ iso | when: 'date' }}`: a moment in the current workspace's zone (the
 * viewer's own outside a workspace). Not pure, so a change of the workspace's zone shows at once;
 * the last result is kept, so a check that changes nothing formats nothing. The zone is a signal read
 * while the template renders, so an OnPush host re-renders when it changes.
 */
@Pipe({ name: 'when', pure: false })
export class WhenPipe implements PipeTransform {
  private readonly workspaces = inject(WorkspaceService);
  private last: { key: string; text: string } | null = null;

  transform(at: string | null | undefined, style: WhenStyle = 'datetime'): string {
    const zone = this.workspaces.current()?.timeZone ?? viewerZone();
    const key = `${at}|${zone}|${style}`;
    if (this.last?.key !== key) this.last = { key, text: formatWhen(at, zone, style) };
    return this.last.text;
  }
}

/**
 * How the app writes a figure, everywhere: "12,345", "4.2%", "+12.5%". An absent figure (a metric
 * the network does not provide) is a dash, never 0. English grouping, as the dates.
 */
const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });
const DECIMAL = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const SIGNED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** 'decimal' is an average such as posts per week: "2.5". */
export type FigureStyle = 'count' | 'compact' | 'decimal' | 'percent' | 'change';

export function formatFigure(value: number | null | undefined, style: FigureStyle = 'count'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (style) {
    case 'count':
      return WHOLE.format(value);
    case 'compact':
      return COMPACT.format(value);
    case 'decimal':
      return DECIMAL.format(value);
    case 'percent':
      return `${DECIMAL.format(value)}%`;
    case 'change':
      return `${SIGNED.format(value)}%`;
  }
}

/** `{{ n | figure }}`, `{{ rate | figure: 'percent' }}`, `{{ delta | figure: 'change' }}`. */
@Pipe({ name: 'figure' })
export class FigurePipe implements PipeTransform {
  transform(value: number | null | undefined, style: FigureStyle = 'count'): string {
    return formatFigure(value, style);
  }
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
