import { MetricsUnavailableError } from '../connector';
import { GraphObject, GraphReader, isObject } from './graph-body';
import { GraphClient, GraphFailure } from './graph-client';

/** Graph reads at most this many objects in one `?ids=` call. */
export const GRAPH_IDS_PER_CALL = 50;

/** `{ "<id>": { … }, … }`: what a multiple-id read answers. */
const readIdMap: GraphReader<Map<string, GraphObject>> = (body) => {
  if (!isObject(body)) return undefined;
  const objects = new Map<string, GraphObject>();
  for (const [id, value] of Object.entries(body)) if (isObject(value)) objects.set(id, value);
  return objects;
};

/** Code 10 and the 200 range: the token lacks a permission (read_insights, instagram_manage_insights …). */
export function isPermissionRefusal(error: unknown): error is GraphFailure {
  const code = error instanceof GraphFailure ? error.graph.code : null;
  return code === 10 || (code !== null && code >= 200 && code < 300);
}

/** 803 (one of several ids is unknown) or 100/33 (this object does not exist or cannot be seen). */
function isGone(error: unknown): boolean {
  if (!(error instanceof GraphFailure)) return false;
  const { code, subcode } = error.graph;
  return code === 803 || (code === 100 && subcode === 33);
}

/**
 * A permission refusal becomes MetricsUnavailableError with what a person must do; anything else
 * (rate limits, expired tokens) stays the ConnectorFailure the retry policy understands.
 */
export function insightsRefusal(error: unknown, reason: string): unknown {
  return isPermissionRefusal(error) ? new MetricsUnavailableError(`${reason} (${error.graph.message})`) : error;
}

/**
 * Reads several objects in one call (`GET /?ids=a,b&fields=…`). Graph refuses the whole call when
 * one id is gone; then each is read alone, so the others still count and the gone ones are left out.
 */
export async function readByIds(
  graph: GraphClient,
  token: string,
  ids: string[],
  fields: string,
): Promise<Map<string, GraphObject>> {
  if (ids.length === 0) return new Map();
  try {
    return await graph.get('/', token, { ids: ids.join(','), fields }, readIdMap);
  } catch (error) {
    if (!isGone(error)) throw error;
  }
  const objects = new Map<string, GraphObject>();
  for (const id of ids) {
    try {
      objects.set(id, await graph.get(`/${id}`, token, { fields }, (body) => (isObject(body) ? body : undefined)));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
  return objects;
}

/**
 * The insights edge inside an object read by field expansion (`insights.metric(…)`), name → value;
 * values may be numbers or breakdown objects (`post_clicks_by_type`).
 */
export function insightsOf(object: GraphObject): Map<string, unknown> {
  const insights = new Map<string, unknown>();
  const edge = isObject(object.insights) && Array.isArray(object.insights.data) ? object.insights.data : [];
  for (const item of edge) {
    if (!isObject(item) || typeof item.name !== 'string') continue;
    const total = isObject(item.total_value) ? item.total_value.value : undefined;
    const first: unknown = Array.isArray(item.values) ? item.values[0] : undefined;
    const value = total !== undefined ? total : isObject(first) ? first.value : undefined;
    if (value !== undefined) insights.set(item.name, value);
  }
  return insights;
}

/** A count from an insights map; null when Graph gave none (it omits metrics it has no data for). */
export function insightCount(insights: Map<string, unknown>, name: string): number | null {
  const value = insights.get(name);
  return typeof value === 'number' ? value : null;
}

/** A breakdown object's numbers (`{ "link clicks": 3, … }`); null when absent. */
export function insightBreakdown(insights: Map<string, unknown>, name: string): Record<string, number> | null {
  const value = insights.get(name);
  if (!isObject(value)) return null;
  const counts: Record<string, number> = {};
  for (const [key, count] of Object.entries(value)) if (typeof count === 'number') counts[key] = count;
  return counts;
}

/** `{ summary: { total_count } }` of an edge read with `.summary(true)`; null when absent. */
export function summaryCount(value: unknown): number | null {
  const total = isObject(value) && isObject(value.summary) ? value.summary.total_count : undefined;
  return typeof total === 'number' ? total : null;
}

/** Splits ids into calls of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
