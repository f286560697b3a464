import { COUNTED_NAMES, type CountedName } from './metric-columns';

/** A post's counts (and engagement); null where the network gave nothing. */
export type Counts = Record<CountedName, number | null>;

/** A change per count; null where nothing changed because nothing was provided. */
export type Delta = Counts;

/** A post's cumulative counts at the end of one local day, as the batch sees them. */
export interface DayPoint {
  day: string;
  takenAt: Date;
  counts: Counts;
  /** `stored` as read, `new` to insert, `changed` to update. */
  state: 'stored' | 'new' | 'changed';
}

/** What a snapshot adds to (or, for the later day re-based, takes from) a day's gains. */
export interface Gain {
  day: string;
  delta: Delta;
}

/** All counts null (a literal: built for every snapshot and gain). */
export const emptyCounts = (): Counts => ({
  impressions: null,
  reach: null,
  clicks: null,
  reactions: null,
  comments: null,
  shares: null,
  saves: null,
  videoViews: null,
  engagement: null,
});

/**
 * `a + b` per count, where null is "no provided value": null + null stays null, so a gain column
 * stays null for a day none of its posts had the metric for.
 */
export function addInto(target: Delta, delta: Delta, sign = 1): void {
  for (const name of COUNTED_NAMES) {
    const value = delta[name];
    if (value !== null) target[name] = (target[name] ?? 0) + sign * value;
  }
}

/** The newest value of a count among day rows (oldest first), or null. */
function lastValue(points: DayPoint[], name: CountedName): number | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i].counts[name] !== null) return points[i].counts[name];
  return null;
}

/**
 * A post's day rows, oldest first, and the rollup rule applied to them one snapshot at a time:
 * - the day already holds a snapshot taken at or after this one: nothing changes (a repeat, or a
 *   late one for a day whose end is known);
 * - else the day's row becomes this snapshot, and its gain is the change from the base (that
 *   day's previous row, else the newest earlier day, else zero);
 * - the first later day was measured against the old base: it loses the same change.
 * So each day's gain is always its row minus the row before it, whatever order snapshots come
 * in. A count the snapshot lacks keeps the base's value (the network said nothing new).
 */
export class PostDays {
  constructor(readonly points: DayPoint[]) {}

  /** The gains to add, or null when the snapshot changes nothing. */
  apply(day: string, takenAt: Date, counts: Counts): Gain[] | null {
    const at = this.points.findIndex((point) => point.day >= day);
    const existing = at >= 0 && this.points[at].day === day ? this.points[at] : null;
    if (existing && existing.takenAt.getTime() >= takenAt.getTime()) return null;
    const earlier = this.points.slice(0, at === -1 ? this.points.length : at);
    const merged = emptyCounts();
    const delta = emptyCounts();
    for (const name of COUNTED_NAMES) {
      const value = counts[name];
      const own = existing?.counts[name] ?? null;
      merged[name] = value;
      // The day's gain was own − base; it becomes value − base (or nothing when value is null).
      if (value !== null) delta[name] = value - (own ?? lastValue(earlier, name) ?? 0);
      else if (own !== null) delta[name] = -(own - (lastValue(earlier, name) ?? 0));
    }
    if (existing) {
      existing.takenAt = takenAt;
      existing.counts = merged;
      if (existing.state === 'stored') existing.state = 'changed';
    } else {
      const point: DayPoint = { day, takenAt, counts: merged, state: 'new' };
      if (at === -1) this.points.push(point);
      else this.points.splice(at, 0, point);
    }
    return [{ day, delta }, ...this.rebaseLater(day, delta)];
  }

  /** Per count, the first later day with a value was measured against the old base: it loses the change. */
  private rebaseLater(day: string, delta: Delta): Gain[] {
    const later = this.points.filter((point) => point.day > day);
    const taken = new Map<string, Delta>();
    for (const name of COUNTED_NAMES) {
      if (delta[name] === null) continue;
      const next = later.find((point) => point.counts[name] !== null);
      if (!next) continue;
      let gain = taken.get(next.day);
      if (!gain) taken.set(next.day, (gain = emptyCounts()));
      gain[name] = -(delta[name] as number);
    }
    return [...taken].map(([at, gain]) => ({ day: at, delta: gain }));
  }

  /** The snapshot taken at exactly `takenAt` is already the day's row: a repeat. */
  holds(day: string, takenAt: Date): boolean {
    const point = this.points.find((p) => p.day === day);
    return point !== undefined && point.takenAt.getTime() === takenAt.getTime();
  }
}
