const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * When a post's metrics are read after it went out: +1 h, 6 h, 24 h, 3 d, 7 d, 30 d, then weekly
 * to 90 d. Early reads catch the first burst; later ones the long tail, at a cost the networks'
 * rate limits allow for every post.
 */
export const COLLECT_OFFSETS_MS: readonly number[] = [
  HOUR_MS,
  6 * HOUR_MS,
  DAY_MS,
  3 * DAY_MS,
  7 * DAY_MS,
  30 * DAY_MS,
  ...Array.from({ length: 8 }, (_, i) => (37 + 7 * i) * DAY_MS),
  90 * DAY_MS,
];

/** The cadence position of a post: how many reads are behind it and when the next is due. */
export interface CadenceStep {
  step: number;
  /** Null once the cadence has run out: collection is finished. */
  at: Date | null;
}

/**
 * The first cadence read after `now` for a post published at `publishedAt`, from step `from` on.
 * Reads whose time has passed (a late collection, an imported post) are skipped, not made up in a
 * burst.
 */
export function nextCollection(publishedAt: Date, now: Date, from = 0): CadenceStep {
  for (let step = from; step < COLLECT_OFFSETS_MS.length; step++) {
    const at = publishedAt.getTime() + COLLECT_OFFSETS_MS[step];
    if (at > now.getTime()) return { step, at: new Date(at) };
  }
  return { step: COLLECT_OFFSETS_MS.length, at: null };
}
