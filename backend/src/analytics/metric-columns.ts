import { Column } from 'typeorm';

/** The counts a network may give for a post, in the order the tables list them. */
export const METRIC_NAMES = [
  'impressions',
  'reach',
  'clicks',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The counts plus engagement: what snapshots, day rows and gains carry. */
export const COUNTED_NAMES = [...METRIC_NAMES, 'engagement'] as const;
export type CountedName = (typeof COUNTED_NAMES)[number];

/** Every figure of a post: its counts, engagement, and the rates derived from them. */
export const POST_METRIC_NAMES = [...COUNTED_NAMES, 'engagementRate', 'ctr'] as const;

/**
 * A post's counts as the network gave them, and engagement derived from them. Null where the
 * network does not provide the metric (never 0, which would be a real count).
 */
export abstract class MetricColumns {
  @Column({ type: Number, nullable: true })
  impressions: number | null;

  @Column({ type: Number, nullable: true })
  reach: number | null;

  /** Link clicks. */
  @Column({ type: Number, nullable: true })
  clicks: number | null;

  @Column({ type: Number, nullable: true })
  reactions: number | null;

  @Column({ type: Number, nullable: true })
  comments: number | null;

  @Column({ type: Number, nullable: true })
  shares: number | null;

  @Column({ type: Number, nullable: true })
  saves: number | null;

  @Column({ type: Number, nullable: true })
  videoViews: number | null;

  /** Null only when every part of it is null. */
  @Column({ type: Number, nullable: true })
  engagement: number | null;
}
