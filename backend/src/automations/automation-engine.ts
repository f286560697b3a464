import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RunSettledMessage } from '@socialorchestrator/flow-runtime';
import { Repository } from 'typeorm';
import { ApprovalsService } from '../approvals/approvals.service';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { RUN_PROBLEM, type RunProblemEvent } from '../common/domain-events';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { Automation } from './automation.entity';
import { FlowDeployer } from './flow-deployer';
import { Run } from './run.entity';
import { RunsService } from './runs.service';
import { RuntimeActions } from './runtime-actions';
import { DomainError } from '../common/domain-error';
import { ErrorHandlers } from './error-handlers';

const TICK_MS = 500;
/** Every 2 s: notice automations published or switched off by another process. */
const DEPLOY_CHECK_TICKS = 4;

/**
 * Joins the flow runtime to the database in the process that hosts it: after every (re)start it
 * marks what was in flight interrupted and deploys the live automations; it does the actions the
 * rule nodes ask for and stores the steps and outcomes the runtime reports; and on a timer it hands
 * over queued runs, resumes waits whose time came and stops runs that ran too long.
 */
@Injectable()
export class AutomationEngine implements OnApplicationShutdown {
  private readonly logger = new Logger('AutomationEngine');
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private ticks = 0;

  constructor(
    @InjectRepository(Run) private readonly runRows: Repository<Run>,
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    private readonly runtime: FlowRuntimeService,
    private readonly deployer: FlowDeployer,
    private readonly runs: RunsService,
    private readonly events: EventEmitter2,
    private readonly approvals: ApprovalsService,
    private readonly actions: RuntimeActions,
    private readonly handlers: ErrorHandlers,
  ) {}

  /** Starts the runtime, answering its rule nodes' actions, and the loop. */
  async start(): Promise<void> {
    if (!this.runtime.hosted) return;
    this.runtime.on('ready', () => void this.onReady());
    this.runtime.on('action', (call, reply) => {
      this.actions.perform(call).then(
        (response) => reply({ response }),
        (error: Error) => reply({ refused: this.refusal(error) }),
      );
    });
    this.runtime.on('steps', (steps) => void this.runs.recordSteps(steps).catch((e: Error) => this.fail('steps', e)));
    this.runtime.on(
      'run-settled',
      (settled) => void this.onSettled(settled).catch((e: Error) => this.fail('settle', e)),
    );
    await this.runtime.start();
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async onReady(): Promise<void> {
    try {
      this.deployer.forget();
      const interrupted = await this.runs.interruptInFlight();
      if (interrupted) this.logger.warn(`${interrupted} run(s) were in flight when the runtime (re)started`);
      await this.deployer.deployAll();
      await this.runs.dispatch();
    } catch (error) {
      this.fail('deploy after start', error as Error);
    }
  }

  private async onSettled(settled: RunSettledMessage): Promise<void> {
    await this.runs.settle(settled);
    const reason = settled.stopped ?? settled.error;
    if (!reason) return;
    const run = await this.runRows.findOneBy({ id: settled.runId });
    if (run) await this.announceProblem(run, settled.stopped ? 'stopped' : 'failed', reason);
  }

  /**
   * The automation's error handler acts (starts its handler automation, or names who to tell),
   * then notifications tell them (owners and admins by default, once per run) and subscribers get
   * `run.failed`. Not for a test: the person testing sees it on the canvas, and a draft's failure
   * is no incident.
   */
  private async announceProblem(run: Run, outcome: RunProblemEvent['outcome'], reason: string): Promise<void> {
    if (run.draftGraph) return;
    const automation = await this.automations.findOneBy({ id: run.automationId });
    if (!automation) return;
    const event: RunProblemEvent = {
      workspaceId: run.workspaceId,
      automationId: automation.id,
      automationName: automation.name,
      runId: run.id,
      outcome,
      reason,
      ...(await this.handlers.handle(run, automation, outcome, reason)),
    };
    await this.events.emitAsync(RUN_PROBLEM, event);
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (++this.ticks % DEPLOY_CHECK_TICKS === 0) await this.deployer.deployIfChanged();
      await this.resumeDue();
      for (const run of await this.runs.stopOverdue()) await this.announceProblem(run, 'stopped', run.error!);
      await this.runs.dispatch();
    } catch (error) {
      this.fail('tick', error as Error);
    } finally {
      this.ticking = false;
    }
  }

  /** Waits whose time came continue; an approval nobody decided in time is closed as expired. */
  async resumeDue(now = new Date()): Promise<void> {
    for (const wait of await this.runs.resumeDueWaits(now)) {
      if (wait.timeoutPort === 'timeout') await this.approvals.expire(wait.runId, wait.nodeId);
    }
  }

  /** What the run's step shows for a refused action: the domain's reason; nothing internal leaks. */
  private refusal(error: Error): string {
    if (!(error instanceof DomainError)) {
      this.logger.error(`action: ${error.stack ?? error.message}`);
      return 'the action failed on the server';
    }
    const fields = error.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return error.detail ?? (fields || error.spec.title);
  }

  private fail(what: string, error: Error): void {
    this.logger.error(`${what}: ${error.message}`);
  }
}
