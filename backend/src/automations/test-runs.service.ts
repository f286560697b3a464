import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { nodeTypeSpec } from '@socialorchestrator/rule-nodes';
import { Not, IsNull, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { runView, type RunView } from './automation-view';
import { Automation } from './automation.entity';
import { AutomationsError } from './automations.errors';
import { validateGraph } from './graph-validation';
import { RunStep } from './run-step.entity';
import { Run } from './run.entity';
import { RunsService } from './runs.service';
import { NodeSamples } from './samples/node-samples.service';

/**
 * The editor's "Test" and a failed run's "Retry from the failed step". A test runs the *draft*
 * (whatever is published) on its trigger's sample: the draft is checked as a publish would check
 * it, then kept with the run and deployed as a temporary flow of its own with a dry-run token, so
 * the sandboxed runtime runs it like any flow while every outward action is only simulated.
 */
@Injectable()
export class TestRuns {
  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @InjectRepository(RunStep) private readonly steps: Repository<RunStep>,
    private readonly runsService: RunsService,
    private readonly samples: NodeSamples,
  ) {}

  /** A dry run of the draft from `nodeId`, on `payload` or else that trigger's stored sample. */
  async testDraft(
    workspaceId: string,
    automationId: string,
    nodeId: string,
    payload?: Record<string, unknown>,
  ): Promise<Run> {
    const automation = await this.automations.findOneBy({ id: automationId, workspaceId });
    if (!automation) throw notFound('Automation');
    const graph = automation.graph;
    // The runtime stops every flow for one that names an unknown type: a draft is checked first.
    const problems = validateGraph(graph);
    if (problems.length) throw new AutomationsError('INVALID_GRAPH', problems[0].message, problems);
    const node = graph.nodes.find((n) => n.id === nodeId && nodeTypeSpec(n.type)?.category === 'trigger');
    if (!node) throw new AutomationsError('NO_SUCH_TRIGGER', `nodeId: the draft has no trigger ${nodeId}`);
    const input = payload ?? (await this.samples.samplesOf(workspaceId, automationId))[nodeId];
    if (!input)
      throw new AutomationsError(
        'INVALID_SAMPLE',
        'payload: this trigger has no sample yet; take one or give a payload',
      );
    const [run] = await this.runsService.startAll([
      { automation, triggerNodeId: node.id, payload: input, draftGraph: graph },
    ]);
    return run;
  }

  /**
   * A new run from the failed step of a failed run, with the input that step had, through the
   * same graph kind: a test retries on the draft it ran (dry again), a live run on the published
   * version now. The new run names the old one.
   */
  async retryFromFailedStep(workspaceId: string, runId: string): Promise<RunView> {
    const run = await this.runs.findOneBy({ id: runId, workspaceId });
    if (!run) throw notFound('Run');
    if (run.status !== 'failed')
      throw new AutomationsError('NOT_RETRYABLE', `status: the run ${run.status}, it did not fail`);
    const failed = await this.steps.findOne({ where: { runId, error: Not(IsNull()) }, order: { id: 'DESC' } });
    if (!failed) throw new AutomationsError('NOT_RETRYABLE', 'the run has no failed step (it failed before any step)');
    const automation = await this.automations.findOneByOrFail({ id: run.automationId });
    if (!run.draftGraph) await this.mustBeLive(automation, failed.nodeId);
    const [retry] = await this.runsService.startAll([
      {
        automation,
        triggerNodeId: failed.nodeId,
        payload: objectOr(failed.input),
        ...(run.draftGraph && { draftGraph: run.draftGraph }),
        retryOf: run.id,
      },
    ]);
    return runView(retry);
  }

  private async mustBeLive(automation: Automation, nodeId: string): Promise<void> {
    if (!automation.enabled || automation.publishedVersion === null)
      throw new AutomationsError('NOT_RETRYABLE', 'the automation is off or not published');
    const graph = await this.runsService.graphOf({
      automationId: automation.id,
      version: automation.publishedVersion,
      draftGraph: null,
    });
    if (!graph?.nodes.some((n) => n.id === nodeId))
      throw new AutomationsError('NOT_RETRYABLE', 'the failed step is no longer in the published version');
  }
}

/** A step's recorded input is the message payload it received: an object for every node. */
const objectOr = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
