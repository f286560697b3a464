import { GraphObject, readGraphTime, stringField } from './graph-body';

export interface RecentMatchQuery {
  textField: 'message' | 'caption' | 'text';
  timeField: 'created_time' | 'timestamp';
  text: string;
  /** Only items created at or after this count. */
  since: Date;
}

/**
 * The newest listed item with exactly this text created since `since`: how Facebook, Threads and
 * Instagram posts from an interrupted attempt are recognised (Graph keeps no idempotency key).
 */
export function findRecentMatch(items: GraphObject[], query: RecentMatchQuery): GraphObject | null {
  const matches = items
    .map((item) => ({ item, at: readGraphTime(item[query.timeField]) }))
    .filter(
      ({ item, at }) => item[query.textField] === query.text && at && at >= query.since && stringField(item, 'id'),
    )
    .sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
  return matches[0]?.item ?? null;
}
