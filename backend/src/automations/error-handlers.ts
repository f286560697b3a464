import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { nodeTypeSpec, type ErrorHandler } from '@socialorchestrator/rule-nodes';
import { Not, IsNull, Repository } from 'typeorm';
import type { RunProblemEvent } from '../common/domain-events';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AutomationTriggers } from './automation-triggers';
import { Automation } from './automation.entity';
import type { Graph } from './graph';
import { RunStep } from './run-step.entity';
import type { Run } from './run.entity';
import { RunsService } from './runs.service';
import { TriggerKey } from './trigger-key.entity';

/** What a failed run's error handler adds to the problem announced (who is told, what went wrong). */
export type HandledProblem = Pick<RunProblemEvent, 'step' | 'tell' | 'handlerProblem'>;

/**
 * An automation's error handler (`graph.errorHandler` of the version the run ran): `notify` tells
 * the roles it names (instead of owners and admins) with the run's link; `automation` starts
 * another automation at its "Automation failed" trigger, once per failed run (a trigger key, written
 * with the run). A run that an error handler started never starts one: a handler that fails
 * cannot start itself again, nor a ring of handlers each other.
 */
@Injectable()
export class ErrorHandlers {
  private readonly logger = new Logger('ErrorHandlers');

  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(RunStep) private readonly steps: Repository<RunStep>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: RunsService,
    private readonly triggers: AutomationTriggers,
  ) {}

  async handle(
    run: Run,
    automation: Automation,
    outcome: RunProblemEvent['outcome'],
    reason: string,
  ): Promise<HandledProblem> {
    const graph = await this.runs.graphOf(run);
    const step = await this.failedStep(run.id, graph);
    const handler = graph?.errorHandler;
    if (!handler) return { step };
    if (handler.kind === 'notify') return { step, tell: handler.roles };
    if (this.startedByHandler(run, graph)) return { step };
    const handlerProblem = await this.start(handler, run, automation, { outcome, reason, step });
    return { step, handlerProblem };
  }

  /** The name of the last step that failed (retries and handled errors come before it). */
  private async failedStep(runId: string, graph: Graph | null): Promise<string | null> {
    const failed = await this.steps.findOne({
      select: { nodeId: true, nodeType: true },
      where: { runId, error: Not(IsNull()) },
      order: { id: 'DESC' },
    });
    if (!failed) return null;
    const node = graph?.nodes.find((n) => n.id === failed.nodeId);
    return node?.label?.trim() || nodeTypeSpec(failed.nodeType)?.label || failed.nodeType;
  }

  private startedByHandler(run: Run, graph: Graph | null): boolean {
    return graph?.nodes.find((n) => n.id === run.triggerNodeId)?.type === 'automation-failed';
  }

  /** Starts the handler automation; returns why it could not, or null. */
  private async start(
    handler: Extract<ErrorHandler, { kind: 'automation' }>,
    run: Run,
    automation: Automation,
    failure: { outcome: string; reason: string; step: string | null },
  ): Promise<string | null> {
    const target = await this.automations.findOneBy({ id: handler.automationId, workspaceId: run.workspaceId });
    if (!target) return 'the automation it names no longer exists';
    if (target.publishedVersion === null || !target.enabled) return `"${target.name}" is off or not published`;
    const { nodes } = await this.triggers.liveIn(target.id, 'automation-failed');
    if (!nodes.length) return `"${target.name}" has no Automation failed trigger in its published version`;
    const payload = {
      runId: run.id,
      automationId: automation.id,
      automationName: automation.name,
      step: failure.step,
      error: failure.reason,
      outcome: failure.outcome,
      runUrl: `${this.config.publicUrl}/w/${run.workspaceId}/automations/${automation.id}?run=${run.id}`,
    };
    const starts = nodes.map((node) => ({ automation: target, triggerNodeId: node.id, payload }));
    try {
      // The keys and the runs are written together: a second report of the same failed run finds
      // its keys taken and starts nothing.
      await this.triggers.startRuns(starts, async (em) => {
        for (const node of nodes) {
          await em.insert(TriggerKey, { automationId: target.id, nodeId: node.id, itemKey: `failed-run:${run.id}` });
        }
      });
    } catch (error) {
      this.logger.warn(`error handler of run ${run.id} not started again: ${(error as Error).message}`);
    }
    return null;
  }
}
