import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { AnalyticsPost } from '../../analytics/analytics-post.entity';
import { performanceMetric, PostPerformance } from '../../analytics/post-performance';
import { POST_METRICS_BATCH, type PostMetricsBatchEvent, type PostMetricsEvent } from '../../common/domain-events';
import { crossed, thresholdFor } from '../actions/analytics-actions';
import { AutomationTriggers } from '../automation-triggers';
import type { Automation } from '../automation.entity';
import type { GraphNode } from '../graph';
import { TriggerKey } from '../trigger-key.entity';

const HOUR_MS = 3_600_000;
/** Item keys per look-up of taken keys: well under SQLite's and PostgreSQL's parameter limits. */
const KEYS_PER_QUERY = 500;

interface LiveNode {
  automation: Automation;
  node: GraphNode;
}
type VariantPost = (variantId: string) => Promise<AnalyticsPost | null>;

/**
 * `metric-threshold` trigger nodes: when analytics reports variants' metrics (`post.metrics.batch`),
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

  /**
   * One ingest batch's reports. The workspace's live nodes and the keys they already took are read
   * once per batch, not per post: at thousands of snapshots a second a query per report cost twice
   * the ingestion itself. Nothing is cached between batches, so a node published, turned off or
   * deleted in any process counts from the next batch on; a workspace without a metric-threshold
   * node costs one query a batch.
   */
  @OnEvent(POST_METRICS_BATCH, { async: true, promisify: true, suppressErrors: false })
  async handle(batch: PostMetricsBatchEvent): Promise<number> {
    let started = 0;
    for (const [workspaceId, reports] of byWorkspace(batch.events)) {
      const live = await this.triggers.live('metric-threshold', workspaceId);
      if (live.length === 0) continue;
      // Each variant's analytics row, read at most once per batch and only when a node needs it.
      const tracked = new Map<string, Promise<AnalyticsPost | null>>();
      const post: VariantPost = (variantId) => {
        if (!tracked.has(variantId)) tracked.set(variantId, this.performance.variant(workspaceId, variantId));
        return tracked.get(variantId)!;
      };
      for (const one of live) started += await this.reportsTo(one, reports, post);
    }
    return started;
  }

  /** Runs one node starts from a batch's reports: one per variant, ever (its TriggerKey). */
  private async reportsTo(live: LiveNode, reports: PostMetricsEvent[], post: VariantPost): Promise<number> {
    const { automation, node } = live;
    const metric = String(node.config.metric);
    const measured = reports.filter((e) => typeof e.metrics[metric] === 'number');
    const taken = await this.takenKeys(live, measured);
    let started = 0;
    for (const e of measured) {
      const itemKey = `variant:${e.variantId}`;
      if (taken.has(itemKey)) continue;
      const value = e.metrics[metric];
      const reached = await this.reached(node, await post(e.variantId), value);
      if (!reached) continue;
      const key = { automationId: automation.id, nodeId: node.id, itemKey };
      const payload = { postId: e.postId, variantId: e.variantId, accountId: e.accountId, metric, value, ...reached };
      try {
        // The key and the run are written together: a run that cannot be written leaves the key
        // free for the next report, and a key another process took first refuses this run.
        await this.triggers.startRuns([{ automation, triggerNodeId: node.id, payload }], async (em) => {
          await em.insert(TriggerKey, key);
        });
        taken.add(itemKey);
        started++;
      } catch (error) {
        // One automation that cannot start must not keep the others from theirs.
        this.logger.warn(`automation ${automation.id} node ${node.id}: ${(error as Error).message}`);
      }
    }
    return started;
  }

  /** The item keys of these reports' variants that the node has already started a run for. */
  private async takenKeys({ automation, node }: LiveNode, reports: PostMetricsEvent[]): Promise<Set<string>> {
    const wanted = [...new Set(reports.map((e) => `variant:${e.variantId}`))];
    const taken = new Set<string>();
    for (let i = 0; i < wanted.length; i += KEYS_PER_QUERY) {
      const rows = await this.keys.find({
        select: { itemKey: true },
        where: { automationId: automation.id, nodeId: node.id, itemKey: In(wanted.slice(i, i + KEYS_PER_QUERY)) },
      });
      for (const row of rows) taken.add(row.itemKey);
    }
    return taken;
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

function byWorkspace(reports: PostMetricsEvent[]): Map<string, PostMetricsEvent[]> {
  const grouped = new Map<string, PostMetricsEvent[]>();
  for (const e of reports) {
    const same = grouped.get(e.workspaceId);
    if (same) same.push(e);
    else grouped.set(e.workspaceId, [e]);
  }
  return grouped;
}
