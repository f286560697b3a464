import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RunSettledMessage, StepRecord } from '@socialorchestrator/flow-runtime';
import { In, IsNull, LessThanOrEqual, Not, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { jsonRow } from '../database/json-row';
import { newId } from '../common/ids';
import type { Page } from '../common/pagination';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { runView, stepView, type RunStepView, type RunView } from './automation-view';
import { Automation } from './automation.entity';
import { runtimeNodeId } from './compile';
import { FlowDeployer } from './flow-deployer';
import { RunStep } from './run-step.entity';
import { RunWait } from './run-wait.entity';
import { Run } from './run.entity';

const PAGE_SIZE = 50;

/**
 * The life of a run. A run is written `queued` before anything else happens, so it cannot
 * vanish: the process that hosts the flow runtime claims queued runs (and decided waits) and
 * hands them over; a run in flight when the runtime stops is marked `interrupted`.
 */
@Injectable()
export class RunsService {
  private readonly logger = new Logger('Runs');

  constructor(
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @InjectRepository(RunStep) private readonly steps: Repository<RunStep>,
    @InjectRepository(RunWait) private readonly waits: Repository<RunWait>,
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runtime: FlowRuntimeService,
    private readonly deployer: FlowDeployer,
  ) {}

  /** Records a run of a published automation, started at its trigger node with this payload. */
  async start(automation: Automation, triggerNodeId: string, payload: Record<string, unknown>): Promise<Run> {
    const run = this.runs.create({
      id: newId(),
      workspaceId: automation.workspaceId,
      automationId: automation.id,
      version: automation.publishedVersion ?? 0,
      status: 'queued',
      triggerNodeId,
      input: payload,
      error: null,
      finishedAt: null,
    });
    await this.runs.insert(jsonRow(run));
    void this.dispatch().catch((error: Error) => this.logger.error(`dispatch: ${error.message}`));
    return run;
  }

  /**
   * Hands queued runs and decided waits to the runtime, when this process hosts it. Each is
   * claimed by a conditional write first, so two processes never both hand over the same one.
   * One pass at a time: a call during a pass asks for another pass after it.
   */
  dispatch(): Promise<void> {
    if (this.dispatching) {
      this.dispatchAgain = true;
      return this.dispatching;
    }
    this.dispatching = this.dispatchUntilIdle().finally(() => (this.dispatching = null));
    return this.dispatching;
  }

  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  /** A run waits for a workspace's concurrency limit: a settled run makes room for it. */
  private heldBack = false;

  private async dispatchUntilIdle(): Promise<void> {
    do {
      this.dispatchAgain = false;
      if (!this.runtime.running()) return;
      await this.dispatchQueued();
      await this.dispatchDecided();
    } while (this.dispatchAgain);
  }

  private async dispatchQueued(): Promise<void> {
    this.heldBack = false;
    const queued = await this.runs.find({ where: { status: 'queued' }, order: { id: 'ASC' }, take: 500 });
    if (!queued.length) return;
    await this.deployer.ensureDeployed(new Set(queued.map((r) => r.automationId)));
    const inFlight = await this.runningPerWorkspace();
    for (const run of queued) {
      const running = inFlight.get(run.workspaceId) ?? 0;
      if (running >= this.config.automation.maxConcurrentRuns) {
        this.heldBack = true;
        continue;
      }
      const claimed = await this.runs.update({ id: run.id, status: 'queued' }, { status: 'running' });
      if (!claimed.affected) continue;
      inFlight.set(run.workspaceId, running + 1);
      const msg = { payload: run.input, _so: { runId: run.id, hops: 0 } };
      if (!this.runtime.trigger(runtimeNodeId(run.automationId, run.triggerNodeId), msg)) {
        await this.runs.update({ id: run.id }, { status: 'queued' });
        return;
      }
    }
  }

  private async dispatchDecided(): Promise<void> {
    for (const wait of await this.waits.find({ where: { resumePort: Not(IsNull()) }, take: 500 })) {
      const claimed = await this.waits.delete({ id: wait.id, resumePort: wait.resumePort! });
      if (!claimed.affected) continue;
      const run = await this.runs.findOneBy({ id: wait.runId });
      if (!run) continue;
      await this.runs.update({ id: run.id }, { status: 'running', finishedAt: null });
      const msg = { payload: wait.payload, _so: { runId: run.id, hops: 0, resume: { port: wait.resumePort! } } };
      this.runtime.trigger(runtimeNodeId(run.automationId, wait.nodeId), msg);
    }
  }

  private async runningPerWorkspace(): Promise<Map<string, number>> {
    const rows = await this.runs
      .createQueryBuilder('run')
      .select('run.workspaceId', 'workspaceId')
      .addSelect('COUNT(*)', 'running')
      .where('run.status = :status', { status: 'running' })
      .groupBy('run.workspaceId')
      .getRawMany<{ workspaceId: string; running: string | number }>();
    return new Map(rows.map((r) => [r.workspaceId, Number(r.running)]));
  }

  /** Parks a run at a node until `decide` (or the clock at `resumeAt`, on `timeoutPort`). */
  async park(
    runId: string,
    nodeId: string,
    payload: Record<string, unknown>,
    timeout: { at: Date; port: string } | null,
  ): Promise<void> {
    await this.waits.insert(
      jsonRow({
        id: newId(),
        runId,
        nodeId,
        payload,
        resumeAt: timeout?.at ?? null,
        timeoutPort: timeout?.port ?? null,
        resumePort: null,
      }),
    );
  }

  waitingAt(runId: string, nodeId: string): Promise<RunWait | null> {
    return this.waits.findOneBy({ runId, nodeId });
  }

  /** Continues a parked run on `port`; false when it was already decided (or never parked). */
  async decide(runId: string, nodeId: string, port: string, payload?: Record<string, unknown>): Promise<boolean> {
    const wait = await this.waits.findOneBy({ runId, nodeId, resumePort: IsNull() });
    if (!wait) return false;
    const decided = await this.waits.update(
      { id: wait.id, resumePort: IsNull() },
      jsonRow({ resumePort: port, payload: payload ?? wait.payload }),
    );
    if (decided.affected) void this.dispatch().catch((error: Error) => this.logger.error(`dispatch: ${error.message}`));
    return Boolean(decided.affected);
  }

  /** Waits whose time came resume on their timeout port; returns those it resumed. */
  async resumeDueWaits(now = new Date()): Promise<RunWait[]> {
    const due = await this.waits.find({ where: { resumeAt: LessThanOrEqual(now), resumePort: IsNull() }, take: 500 });
    const resumed: RunWait[] = [];
    for (const wait of due) {
      if (await this.decide(wait.runId, wait.nodeId, wait.timeoutPort ?? 'out')) resumed.push(wait);
    }
    return resumed;
  }

  async recordSteps(records: StepRecord[]): Promise<void> {
    const known = await this.runs.find({
      select: { id: true },
      where: { id: In([...new Set(records.map((r) => r.runId))]) },
    });
    const ids = new Set(known.map((r) => r.id));
    const rows = records
      .filter((r) => ids.has(r.runId))
      .map((r) =>
        this.steps.create({
          id: newId(),
          runId: r.runId,
          nodeId: r.nodeId.slice(0, 40),
          nodeType: r.nodeType.slice(0, 40),
          port: r.port?.slice(0, 40) ?? null,
          input: r.input ?? null,
          output: r.output ?? null,
          startedAt: new Date(r.startedAt),
          durationMs: Math.max(0, Math.round(r.durationMs)),
          error: r.error,
        }),
      );
    // Chunks keep each statement under SQLite's and SQL Server's parameter limits.
    for (let i = 0; i < rows.length; i += 50) await this.steps.insert(rows.slice(i, i + 50).map(jsonRow));
  }

  /** No message of the run is in flight: it waits, or it is over. */
  async settle(message: Pick<RunSettledMessage, 'runId' | 'error' | 'stopped'>): Promise<void> {
    const waiting = await this.waits.existsBy({ runId: message.runId });
    const status = waiting ? 'waiting' : message.stopped ? 'stopped' : message.error ? 'failed' : 'succeeded';
    await this.runs.update(
      { id: message.runId, status: In(['running', 'queued']) },
      { status, error: message.stopped ?? message.error, finishedAt: waiting ? null : new Date() },
    );
    if (this.heldBack) void this.dispatch().catch((error: Error) => this.logger.error(`dispatch: ${error.message}`));
  }

  /** The runtime (re)started: whatever was in flight in the old one is gone, and said so. */
  async interruptInFlight(): Promise<number> {
    const result = await this.runs.update(
      { status: 'running' },
      {
        status: 'interrupted',
        error: 'the flow runtime restarted while this run was in flight',
        finishedAt: new Date(),
      },
    );
    return result.affected ?? 0;
  }

  /** Runs over their time are stopped (their late messages are dropped by the runtime). */
  async stopOverdue(now = new Date()): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.automation.maxRunMs);
    const overdue = await this.runs.findBy({ status: 'running', startedAt: LessThanOrEqual(cutoff) });
    for (const run of overdue) {
      this.runtime.stopRun(run.id);
      await this.runs.update(
        { id: run.id, status: 'running' },
        { status: 'stopped', error: `ran longer than ${this.config.automation.maxRunMs / 1000} s`, finishedAt: now },
      );
    }
  }

  async list(workspaceId: string, automationId: string, cursor?: string): Promise<Page<RunView>> {
    const where = { workspaceId, automationId, ...(cursor ? { id: LessThanOrEqual(cursor) } : {}) };
    const rows = await this.runs.find({ where, order: { id: 'DESC' }, take: PAGE_SIZE + 1 });
    const page = rows.slice(0, PAGE_SIZE);
    return { items: page.map(runView), nextCursor: rows.length > PAGE_SIZE ? rows[PAGE_SIZE].id : null };
  }

  async get(workspaceId: string, runId: string): Promise<RunView & { steps: RunStepView[] }> {
    const run = await this.runs.findOneBy({ id: runId, workspaceId });
    if (!run) throw notFound('Run');
    const steps = await this.steps.find({ where: { runId }, order: { startedAt: 'ASC', id: 'ASC' } });
    return { ...runView(run), steps: steps.map(stepView) };
  }

  /** The same input through the automation's current published version. */
  async rerun(workspaceId: string, runId: string): Promise<RunView> {
    const run = await this.runs.findOneBy({ id: runId, workspaceId });
    if (!run) throw notFound('Run');
    const automation = await this.automations.findOneByOrFail({ id: run.automationId });
    return runView(await this.start(automation, run.triggerNodeId, run.input));
  }
}
