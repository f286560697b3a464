import { DateTime } from 'luxon';

/** Where an instant falls in a workspace's time zone, as the rollups and best-time cells key it. */
export interface LocalSlot {
  /** YYYY-MM-DD. */
  day: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  /** 0–23. */
  hour: number;
}

/** Every zone offset is a whole number of quarter hours, so all instants of a quarter share a slot. */
const QUARTER_MS = 15 * 60_000;
/** Quarters remembered per zone before the memo starts over (a few years of them). */
const MEMO_LIMIT = 200_000;
const memos = new Map<string, Map<number, LocalSlot>>();

/**
 * The local day, weekday and hour of `at` in `zone`. Ingestion asks this for every snapshot; a
 * luxon DateTime each time would cost more than the rest of the rollup, so slots are remembered
 * per quarter hour.
 */
export function localSlot(at: Date, zone: string): LocalSlot {
  let memo = memos.get(zone);
  if (!memo || memo.size > MEMO_LIMIT) memos.set(zone, (memo = new Map()));
  const quarter = Math.floor(at.getTime() / QUARTER_MS);
  let slot = memo.get(quarter);
  if (!slot) {
    const local = DateTime.fromMillis(quarter * QUARTER_MS, { zone });
    slot = { day: local.toISODate()!, weekday: local.weekday, hour: local.hour };
    memo.set(quarter, slot);
  }
  return slot;
}

/** The local day of `at` in `zone` (YYYY-MM-DD). */
export const localDay = (at: Date, zone: string): string => localSlot(at, zone).day;
