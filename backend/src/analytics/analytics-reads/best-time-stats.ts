import { nextFreeSlot, type WeeklySlot } from '../../scheduling/occurrences';

/** Posts a cell needs before its engagement rate is shown (fewer say more about luck than time). */
export const DEFAULT_MIN_POSTS = 3;
/** Hours of the week with enough posts before the heatmap names best times at all. */
export const MIN_RATED_CELLS = 3;
/** Best times listed (and the most turned into queue slots at once). */
export const BEST_CELLS = 5;

/** One hour of the week as the rollup keeps it: sums over the posts published in it. */
export interface CellSums {
  weekday: number;
  hour: number;
  posts: number;
  engagementSum: number;
  basisSum: number;
}

export interface HeatmapCell {
  /** ISO weekday, 1 = Monday … 7 = Sunday, in the workspace time zone. */
  weekday: number;
  hour: number;
  posts: number;
  /** Engagement rate (engagement ÷ reach, or impressions, × 100); null below minPosts posts. */
  value: number | null;
}

export interface Heatmap {
  minPosts: number;
  enoughData: boolean;
  message: string | null;
  cells: HeatmapCell[];
  best: Array<{ weekday: number; hour: number }>;
}

const rate = (cell: CellSums, minPosts: number): number | null =>
  cell.posts >= minPosts && cell.basisSum > 0 ? Math.round((cell.engagementSum / cell.basisSum) * 10_000) / 100 : null;

/**
 * The 7 × 24 grid from the rollup's cells (missing hours have no posts). Best times are only named
 * once enough hours have enough posts; otherwise the message says what is missing instead of
 * ranking a handful of posts.
 */
export function heatmapOf(sums: CellSums[], minPosts = DEFAULT_MIN_POSTS): Heatmap {
  const byCell = new Map(sums.map((s) => [`${s.weekday}:${s.hour}`, s]));
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) {
      const sum = byCell.get(`${weekday}:${hour}`);
      cells.push({ weekday, hour, posts: sum?.posts ?? 0, value: sum ? rate(sum, minPosts) : null });
    }
  const rated = cells.filter((c) => c.value !== null);
  const enoughData = rated.length >= MIN_RATED_CELLS;
  const posts = cells.reduce((acc, c) => acc + c.posts, 0);
  return {
    minPosts,
    enoughData,
    message: enoughData
      ? null
      : `Not enough history yet: ${posts} published post${posts === 1 ? '' : 's'}, and ${rated.length} hour${rated.length === 1 ? '' : 's'} of the week with at least ${minPosts} posts. Best times need ${MIN_RATED_CELLS} such hours; keep publishing at different times.`,
    cells,
    best: enoughData
      ? [...rated]
          .sort((a, b) => b.value! - a.value! || b.posts - a.posts || a.weekday - b.weekday || a.hour - b.hour)
          .slice(0, BEST_CELLS)
          .map(({ weekday, hour }) => ({ weekday, hour }))
      : [],
  };
}

/** Best cells as weekly posting times on the hour (queue slots). */
export const slotsOf = (best: Array<{ weekday: number; hour: number }>): WeeklySlot[] =>
  best.map(({ weekday, hour }) => ({ weekday, localTime: `${String(hour).padStart(2, '0')}:00` }));

/**
 * The first best time after `after`, in `zone` (its wall clock: a best time of 09:00 stays 09:00
 * across a DST change; an hour the clocks skip moves to the hour after, as queue slots do).
 * Null when there are no best times.
 */
export function nextBestTime(
  best: Array<{ weekday: number; hour: number }>,
  zone: string,
  after: Date,
  taken: ReadonlySet<number> = new Set(),
): Date | null {
  return nextFreeSlot(slotsOf(best), zone, after, taken, 2);
}
