import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AnalyticsPost } from '../../analytics/analytics-post.entity';
import { performanceMetric, PostPerformance } from '../../analytics/post-performance';
import { POST_METRICS, type PostMetricsEvent } from '../../common/domain-events';
import { crossed, thresholdFor } from '../actions/analytics-actions';
import { AutomationTriggers } from '../automation-triggers';
import type { GraphNode } from '../graph';
import { TriggerKey } from '../trigger-key.entity';

const HOUR_MS = 3_600_000;

/**
 * `metric-threshold` trigger nodes: when analytics reports a variant's metrics (`post.metrics`),
 * each live node whose metric crossed its value starts one run for that variant — once. A node
 * may wait until the post has been out some hours, and compare with a multiple of the account's
 * median rather than a fixed value; both read the post's analytics.
 */
@Injectable()
export class MetricThresholdTrigger {
  private readonly logger = new Logger('MetricThresholdTrigger');

  constructor(
    @InjectRepository(TriggerKey) private readonly keys: Repository<TriggerKey>,
    private readonly triggers: AutomationTriggers,
    private readonly performance: PostPerformance,
  ) {}

  @OnEvent(POST_METRICS, { async: true, promisify: true, suppressErrors: false })
  async handle(e: PostMetricsEvent): Promise<number> {
    let started = 0;
    // The variant's analytics row, read at most once per report and only when a node needs it.
    let tracked: Promise<AnalyticsPost | null> | undefined;
    const post = () => (tracked ??= this.performance.variant(e.workspaceId, e.variantId));
    for (const { automation, node } of await this.triggers.live('metric-threshold', e.workspaceId)) {
      const metric = String(node.config.metric);
      const value = e.metrics[metric];
      if (typeof value !== 'number') continue;
      const key = { automationId: automation.id, nodeId: node.id, itemKey: `variant:${e.variantId}` };
      if (await this.keys.existsBy(key)) continue;
      const reached = await this.reached(node, await post(), value);
      if (!reached) continue;
      const payload = { postId: e.postId, variantId: e.variantId, accountId: e.accountId, metric, value, ...reached };
      try {
        // The key and the run are written together: a run that cannot be written leaves the key
        // free for the next report, and a key another process took first refuses this run.
        await this.triggers.startRuns([{ automation, triggerNodeId: node.id, payload }], async (em) => {
          await em.insert(TriggerKey, key);
        });
        started++;
      } catch (error) {
        // One automation that cannot start must not keep the others from theirs.
        this.logger.warn(`automation ${automation.id} node ${node.id}: ${(error as Error).message}`);
      }
    }
    return started;
  }

  /**
   * What the run's payload adds when the value crossed the node's threshold (the threshold, the
   * median, the post's text and network), or null when it did not — or cannot be judged yet: too
   * young, or an account with too few posts for a median.
   */
  private async reached(node: GraphNode, post: AnalyticsPost | null, value: number) {
    const afterHours = Number(node.config.afterHours ?? 0);
    const relative = node.config.basis === 'accountMedian';
    const about = post ? { network: post.network, text: post.text } : {};
    if (!afterHours && !relative) {
      const threshold = Number(node.config.value);
      return crossed(value, node.config.comparison, threshold) ? { threshold, ...about } : null;
    }
    const metric = performanceMetric(node.config.metric);
    if (!post || !metric) return null;
    const takenAt = post.metricsTakenAt ?? new Date();
    if (takenAt.getTime() - post.publishedAt.getTime() < afterHours * HOUR_MS) return null;
    const compared = await thresholdFor(this.performance, post, metric, node.config);
    if (!compared || !crossed(value, node.config.comparison, compared.threshold)) return null;
    return { ...compared, ...about };
  }
}
