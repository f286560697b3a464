import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { POST_METRICS, type PostMetricsEvent } from '../../common/domain-events';
import { AutomationTriggers } from '../automation-triggers';
import { TriggerKey } from '../trigger-key.entity';

const crossed = (value: number, comparison: unknown, threshold: number) =>
  comparison === 'lessThan' ? value < threshold : value >= threshold;

/**
 * `metric-threshold` trigger nodes: when analytics reports a variant's metrics (`post.metrics`),
 * each live node whose metric crossed its value starts one run for that variant — once.
 */
@Injectable()
export class MetricThresholdTrigger {
  private readonly logger = new Logger('MetricThresholdTrigger');

  constructor(
    @InjectRepository(TriggerKey) private readonly keys: Repository<TriggerKey>,
    private readonly triggers: AutomationTriggers,
  ) {}

  @OnEvent(POST_METRICS, { async: true, promisify: true, suppressErrors: false })
  async handle(e: PostMetricsEvent): Promise<number> {
    let started = 0;
    for (const { automation, node } of await this.triggers.live('metric-threshold', e.workspaceId)) {
      const metric = String(node.config.metric);
      const threshold = Number(node.config.value);
      const value = e.metrics[metric];
      if (typeof value !== 'number' || !crossed(value, node.config.comparison, threshold)) continue;
      const key = { automationId: automation.id, nodeId: node.id, itemKey: `variant:${e.variantId}` };
      if (await this.keys.existsBy(key)) continue;
      const payload = { postId: e.postId, variantId: e.variantId, accountId: e.accountId, metric, value, threshold };
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
}
