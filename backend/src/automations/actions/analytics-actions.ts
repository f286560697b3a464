import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import type { AnalyticsPost } from '../../analytics/analytics-post.entity';
import {
  latestMetrics,
  metricOf,
  performanceMetric,
  PostPerformance,
  type PerformanceMetric,
} from '../../analytics/post-performance';
import { PostsService } from '../../posts/posts.service';
import { AutomationsError } from '../automations.errors';
import { TriggerKey } from '../trigger-key.entity';
import { list, text, type ActionContext, type ActionResult } from './action-context';

const DAY_MS = 86_400_000;
/** Candidates read per pick: a post deleted since it was tracked is skipped for the next. */
const TOP_CANDIDATES = 10;
const TOP_KEY = 'post:';

/** A metric value against a threshold: at least (the default) or below. */
export const crossed = (value: number, comparison: unknown, threshold: number): boolean =>
  comparison === 'lessThan' ? value < threshold : value >= threshold;

/**
 * What a metric is compared with: the configured value, or that many times the median of the
 * account's posts (null when the account has too few posts to say).
 */
export async function thresholdFor(
  performance: PostPerformance,
  post: AnalyticsPost,
  metric: PerformanceMetric,
  config: Record<string, unknown>,
): Promise<{ threshold: number; accountMedian?: number } | null> {
  const value = Number(config.value);
  if (config.basis !== 'accountMedian') return { threshold: value };
  const accountMedian = await performance.accountMedian(post, metric);
  return accountMedian === null ? null : { threshold: value * accountMedian, accountMedian };
}

/** Nodes that read analytics: a post's metric check and the evergreen top post. */
@Injectable()
export class AnalyticsActions {
  constructor(
    private readonly performance: PostPerformance,
    private readonly posts: PostsService,
    @InjectRepository(TriggerKey) private readonly keys: Repository<TriggerKey>,
  ) {}

  /** `metric-check`: true when the post's latest metric crosses the threshold; false while it has no metrics. */
  async metricCheck(c: ActionContext): Promise<ActionResult> {
    const metric = this.metric(c.config.metric);
    const postId = text(c.config.postId).trim();
    if (!postId) throw new AutomationsError('ACTION_REFUSED', 'postId: no post to check (is {{postId}} set?)');
    const post = await this.variantToCheck(c, postId, metric);
    const value = post && metricOf(post, metric);
    const compared = post && value !== null ? await thresholdFor(this.performance, post, metric, c.config) : null;
    const payload = {
      ...c.payload,
      metrics: post ? latestMetrics(post) : null,
      ...(post && { variantId: post.id }),
      ...(compared?.accountMedian !== undefined && { accountMedian: compared.accountMedian }),
    };
    const ok = compared !== null && value !== null && crossed(value, c.config.comparison, compared.threshold);
    return { payload, port: ok ? 'true' : 'false' };
  }

  /** `top-post`: the best own post of the period this node has not picked before, or `none`. */
  async topPost(c: ActionContext): Promise<ActionResult> {
    const metric = this.metric(c.config.metric ?? 'engagement');
    const days = Number(c.config.days ?? 30);
    const picked = await this.keys.findBy({
      automationId: c.automation.id,
      nodeId: c.nodeId,
      itemKey: Like(`${TOP_KEY}%`),
    });
    const candidates = await this.performance.topOwnPosts(c.workspaceId, {
      metric,
      since: new Date(Date.now() - days * DAY_MS),
      accountIds: list(c.config.accountIds).filter((id) => id !== '*'),
      excluding: picked.map((k) => k.itemKey.slice(TOP_KEY.length)),
      limit: TOP_CANDIDATES,
    });
    for (const top of candidates) {
      const post = await this.posts.get(c.workspaceId, top.postId!).catch(() => null);
      const variant = post?.variants.find((v) => v.id === top.variantId);
      if (!post || !variant?.text.trim()) continue;
      // Taken once: a concurrent run that took it first makes this insert fail, and this run takes the next.
      const taken = await this.keys
        .insert({ automationId: c.automation.id, nodeId: c.nodeId, itemKey: `${TOP_KEY}${top.id}` })
        .then(() => true)
        .catch(() => false);
      if (!taken) continue;
      const topPost = {
        postId: post.id,
        variantId: top.id,
        accountId: top.accountId,
        network: top.network,
        publishedAt: top.publishedAt.toISOString(),
        metric,
        value: metricOf(top, metric),
      };
      // Its media go on with it: a create-draft after this node reposts the pictures, not only the words.
      return { payload: { ...c.payload, postId: post.id, text: variant.text, mediaIds: variant.mediaIds, topPost } };
    }
    return { payload: { ...c.payload, topPost: null }, port: 'none' };
  }

  /** The payload's variant when it names one of this post, else the post's best variant by the metric. */
  private async variantToCheck(c: ActionContext, postId: string, metric: PerformanceMetric) {
    const variants = await this.performance.variantsOf(c.workspaceId, postId);
    const named = variants.find((v) => v.id === c.payload.variantId);
    if (named) return named;
    const ranked = variants.filter((v) => metricOf(v, metric) !== null);
    ranked.sort((a, b) => metricOf(b, metric)! - metricOf(a, metric)!);
    return ranked[0] ?? variants[0] ?? null;
  }

  private metric(name: unknown): PerformanceMetric {
    const metric = performanceMetric(name);
    if (!metric) throw new AutomationsError('ACTION_REFUSED', `metric: "${String(name)}" is not a post metric`);
    return metric;
  }
}
