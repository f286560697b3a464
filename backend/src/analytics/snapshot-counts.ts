import type { PostMetrics } from '../connectors/connector';
import type { NetworkId } from '../connectors/network-limits';
import { derivedMetrics, type DerivedMetrics } from './derived-metrics';
import { METRIC_NAMES } from './metric-columns';
import type { Counts } from './rollup-math';

/** A snapshot's counts with engagement, and its rates, as stored and announced. */
export interface ReadCounts {
  counts: Counts;
  derived: DerivedMetrics;
}

/** A network's metrics as the tables hold them: whole, non-negative counts or null. */
export function countsOf(network: NetworkId, metrics: PostMetrics): ReadCounts {
  const counts = {} as Counts;
  for (const name of METRIC_NAMES) counts[name] = wholeOrNull(metrics[name]);
  const derived = derivedMetrics(network, counts);
  counts.engagement = derived.engagement;
  return { counts, derived };
}

function wholeOrNull(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.max(0, Math.round(value));
}

/**
 * The `post.metrics` event's figures: every provided count, engagement and the rates, and `likes`
 * (= reactions), the name metric-threshold nodes saved before reactions were split by type.
 */
export function announcedMetrics({ counts, derived }: ReadCounts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(counts)) if (value !== null) out[name] = value;
  if (derived.engagementRate !== null) out.engagementRate = derived.engagementRate;
  if (derived.ctr !== null) out.ctr = derived.ctr;
  if (counts.reactions !== null) out.likes = counts.reactions;
  return out;
}
