import { And, LessThan, LessThanOrEqual, MoreThanOrEqual, type FindOperator } from 'typeorm';
import type { RunStatus } from './run.entity';

/** What a list of runs may be narrowed to: one status, a start date range, the page after a cursor. */
export interface RunSearch {
  status?: RunStatus;
  /** Runs started at or after. */
  from?: Date;
  /** Runs started before. */
  to?: Date;
  /** nextCursor of the previous page: that run and older. */
  cursor?: string;
}

/**
 * The smallest time-ordered id (UUIDv7) of a millisecond: its first 48 bits are the Unix time in
 * ms. Every id made at or after `at` sorts at or after it, so a date range is an id range.
 */
export function firstIdAt(at: Date): string {
  const hex = Math.max(0, at.getTime()).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** The WHERE for a search: status, then the id range the dates and the cursor leave. */
export function runSearchWhere(search: RunSearch): { status?: RunStatus; id?: FindOperator<string> } {
  const bounds: Array<FindOperator<string>> = [];
  if (search.from) bounds.push(MoreThanOrEqual(firstIdAt(search.from)));
  if (search.to) bounds.push(LessThan(firstIdAt(search.to)));
  if (search.cursor) bounds.push(LessThanOrEqual(search.cursor));
  return {
    ...(search.status && { status: search.status }),
    ...(bounds.length && { id: bounds.length === 1 ? bounds[0] : And(...bounds) }),
  };
}
