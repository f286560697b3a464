import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { AnalyticsPost } from './analytics-post.entity';
import { POST_METRIC_NAMES } from './metric-columns';

/** The post metrics other contexts (automations) may ask about; `likes` is the old name of reactions. */
export const PERFORMANCE_METRICS = POST_METRIC_NAMES;
export type PerformanceMetric = (typeof PERFORMANCE_METRICS)[number];

/** The metric's column on analytics_posts, or null for a name that is not a metric. */
export function performanceMetric(name: unknown): PerformanceMetric | null {
  if (name === 'likes') return 'reactions';
  return (PERFORMANCE_METRICS as readonly unknown[]).includes(name) ? (name as PerformanceMetric) : null;
}

/** A tracked post's latest value of a metric (null where the network does not give it, or not yet). */
export const metricOf = (post: AnalyticsPost, metric: PerformanceMetric): number | null => post[metric] ?? null;

/** A tracked post's latest metrics, as automations hand them on in a payload. */
export function latestMetrics(post: AnalyticsPost): Record<PerformanceMetric, number | null> {
  return Object.fromEntries(PERFORMANCE_METRICS.map((m) => [m, metricOf(post, m)])) as Record<
    PerformanceMetric,
    number | null
  >;
}

/** How far back an account's median looks, and how many posts it needs to say anything. */
const MEDIAN_WINDOW_MS = 90 * 86_400_000;
export const MEDIAN_MIN_POSTS = 3;

/**
 * How posts perform, read from the analytics context's own tables for automations (metric
 * triggers, metric checks, the evergreen top post). Every read is bounded by the workspace.
 */
@Injectable()
export class PostPerformance {
  constructor(@InjectRepository(AnalyticsPost) private readonly posts: Repository<AnalyticsPost>) {}

  /** One of our post's variants as analytics tracks it (its id is the variant's). */
  variant(workspaceId: string, variantId: string): Promise<AnalyticsPost | null> {
    return this.posts.findOneBy({ workspaceId, id: variantId });
  }

  /** Every variant of one of our posts that analytics tracks. */
  variantsOf(workspaceId: string, postId: string): Promise<AnalyticsPost[]> {
    return this.posts.findBy({ workspaceId, postId });
  }

  /**
   * The median of a metric over the account's other posts published in the 90 days before `post`
   * (each at its latest value); null when fewer than MEDIAN_MIN_POSTS of them have the metric.
   */
  async accountMedian(post: AnalyticsPost, metric: PerformanceMetric): Promise<number | null> {
    const rows: Array<{ value: number | string }> = await this.posts
      .createQueryBuilder('p')
      .select(`p.${metric}`, 'value')
      .where('p.workspaceId = :workspaceId AND p.accountId = :accountId', post)
      .andWhere('p.id <> :id', { id: post.id })
      .andWhere('p.publishedAt >= :since AND p.publishedAt <= :until', {
        since: new Date(post.publishedAt.getTime() - MEDIAN_WINDOW_MS),
        until: post.publishedAt,
      })
      .andWhere(`p.${metric} IS NOT NULL`)
      .orderBy(`p.${metric}`, 'ASC')
      .getRawMany();
    if (rows.length < MEDIAN_MIN_POSTS) return null;
    const values = rows.map((r) => Number(r.value));
    const middle = Math.floor(values.length / 2);
    return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  /**
   * Our own posts (published through the platform, so their full text and media are ours to reuse)
   * published since `since`, best first by the metric, leaving out `excluding` (analytics post ids).
   */
  topOwnPosts(
    workspaceId: string,
    options: { metric: PerformanceMetric; since: Date; accountIds: string[]; excluding: string[]; limit: number },
  ): Promise<AnalyticsPost[]> {
    const { metric, since, accountIds, excluding, limit } = options;
    const query = this.posts
      .createQueryBuilder('p')
      .where('p.workspaceId = :workspaceId', { workspaceId })
      .andWhere('p.external = :external AND p.postId IS NOT NULL', { external: false })
      .andWhere('p.publishedAt >= :since', { since })
      .andWhere(`p.${metric} IS NOT NULL`);
    if (accountIds.length) query.andWhere('p.accountId IN (:...accountIds)', { accountIds });
    if (excluding.length) {
      query.andWhere(new Brackets((b) => b.where('p.id NOT IN (:...excluding)', { excluding })));
    }
    return query.orderBy(`p.${metric}`, 'DESC').addOrderBy('p.id', 'ASC').take(limit).getMany();
  }
}
