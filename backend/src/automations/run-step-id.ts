import { v7 } from 'uuid';

/** v7's counter field is 31 bits wide; ours wraps within it. */
const SEQ_BITS = 0x7fffffff;
let seq = 0;

/**
 * A step's id: a UUIDv7 stamped with the time the step *started*, not when it was written. Steps
 * reach the database in batches, in the order they finished, and a run's steps are paged by id;
 * so the id carries the start time, and within one millisecond a counter keeps them in the order
 * they were recorded.
 */
export function runStepId(startedAt: number): string {
  seq = (seq + 1) & SEQ_BITS;
  return v7({ msecs: Math.max(0, Math.floor(startedAt)), seq });
}
