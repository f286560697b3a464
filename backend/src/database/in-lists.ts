/** Values per `IN (…)` list: under SQL Server's 2,100 bound parameters, with room for the rest. */
const IN_LIST_MAX = 500;

/** `items` in lists of at most IN_LIST_MAX, for `WHERE … IN (…)` over any number of values. */
export function* inLists<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += IN_LIST_MAX) yield items.slice(start, start + IN_LIST_MAX);
}
