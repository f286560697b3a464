/**
 * Runs `task` over `items`, at most `limit` at once, taking them in turn from each group
 * (round-robin: a1 b1 c1 a2 b2 …), so a group with many or slow items never keeps another group
 * waiting behind all of them. `task` must not reject: one failure would stop its worker.
 */
export async function inTurns<T>(
  items: readonly T[],
  groupOf: (item: T) => string,
  limit: number,
  task: (item: T) => Promise<void>,
  /** Once this returns true no further item is started (those under way finish). */
  stop: () => boolean = () => false,
): Promise<void> {
  const queue = roundRobin(items, groupOf);
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !stop(); next = queue.shift()) await task(next);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), queue.length) }, worker));
}

/** Items interleaved one per group at a time, each group in its own order, groups in order of first appearance. */
export function roundRobin<T>(items: readonly T[], groupOf: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = groupOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const lists = [...groups.values()];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  const order: T[] = [];
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) order.push(list[i]);
  return order;
}
