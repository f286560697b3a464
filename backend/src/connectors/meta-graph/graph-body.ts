/** Reads the parts of Graph API answers we rely on; `undefined` means the shape is not the documented one. */
export type GraphReader<T> = (body: unknown) => T | undefined;

export type GraphObject = Record<string, unknown>;

export const isObject = (value: unknown): value is GraphObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const stringField = (value: unknown, key: string): string | undefined => {
  if (!isObject(value)) return undefined;
  const field = value[key];
  if (typeof field === 'string' && field !== '') return field;
  // Graph ids are strings, but a few edges answer numbers; both identify the same object.
  return typeof field === 'number' ? String(field) : undefined;
};

/** `{ "id": "…" }`: what most Graph writes answer. */
export const readId: GraphReader<string> = (body) => stringField(body, 'id');

/** `{ "success": true }`: what deletes and some writes answer. */
export const readSuccess: GraphReader<true> = (body) => (isObject(body) && body.success === true ? true : undefined);

/** The `data` array of a Graph list answer, each item an object. */
export const readList: GraphReader<GraphObject[]> = (body) => {
  if (!isObject(body) || !Array.isArray(body.data)) return undefined;
  return body.data.every(isObject) ? body.data : undefined;
};

/**
 * Insights answer `{ data: [{ name, values: [{ value }] }] }`, newer metrics `total_value: { value }`;
 * reads either into name → number.
 */
export const readInsights: GraphReader<Map<string, number>> = (body) => {
  const items = readList(body);
  if (!items) return undefined;
  const metrics = new Map<string, number>();
  for (const item of items) {
    const value = insightValue(item);
    if (typeof item.name === 'string' && value !== undefined) metrics.set(item.name, value);
  }
  return metrics;
};

function insightValue(item: GraphObject): number | undefined {
  const total = isObject(item.total_value) ? item.total_value.value : undefined;
  if (typeof total === 'number') return total;
  const first: unknown = Array.isArray(item.values) ? item.values[0] : undefined;
  const value = isObject(first) ? first.value : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** Graph times look like `2024-05-01T10:00:00+0000`; null when unreadable. */
export function readGraphTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

/** One page of a Graph list: its items and the cursor for the next page (null on the last). */
export const readListPage: GraphReader<{ items: GraphObject[]; after: string | null }> = (body) => {
  const items = readList(body);
  if (!items || !isObject(body)) return undefined;
  const paging = isObject(body.paging) ? body.paging : {};
  const after = paging.next ? stringField(paging.cursors, 'after') : undefined;
  return { items, after: after ?? null };
};
