import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { RunSettledMessage, StepRecord } from '@socialorchestrator/flow-runtime';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, MoreThan, Not, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { insertRows } from '../database/insert-rows';
import { inLists } from '../database/in-lists';
import { inTransaction } from '../database/transactions';
import { jsonRow } from '../database/json-row';
import { newId } from '../common/ids';
import type { Page } from '../common/pagination';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LimitWatch } from '../notifications/limit-watch';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import type { RunDetailView } from '@socialorchestrator/rule-nodes';
import { runView, stepView, type RunView } from './automation-view';
import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { flowIdOf, runtimeNodeId } from './compile';
import type { Graph } from './graph';
import { FlowDeployer } from './flow-deployer';
import { runStepId } from './run-step-id';
import { RunStep } from './run-step.entity';
import { STEPS_PAGE, type RunStepsQuery } from './runs.dto';
import { RunWait } from './run-wait.entity';
import { Run, type RunStatus } from './run.entity';
import { RunsInFlight } from './runs-in-flight';
import { runSearchWhere, type RunSearch } from './run-search';

const PAGE_SIZE = 50;
/** Queued runs read per dispatch query. */
const QUEUE_PAGE = 50;

type SettledRun = Pick<RunSettledMessage, 'runId' | 'error' | 'stopped'>;

interface Reported<T> {
  message: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface RunStart {
  automation: Automation;
  triggerNodeId: string;
  payload: Record<string, unknown>;
  /** A test: the draft it runs, dry, on a flow of its own. */
  draftGraph?: Graph;
  /** A retry: the run it retries (from `triggerNodeId`, the failed step's node). */
  retryOf?: string;
}

/** What the runs-in-flight list keeps of a run. */
const inFlightOf = (run: Pick<Run, 'workspaceId' | 'automationId' | 'draftGraph'>) => ({
  workspaceId: run.workspaceId,
  automationId: run.automationId,
  test: Boolean(run.draftGraph),
});

/**
 * The life of a run. A run is a row before anything else happens, so it cannot vanish: the
 * process that hosts the flow runtime writes it `running` and hands it over at once when it can,
 * otherwise it is `queued` and claimed later (as are decided waits); a run in flight when the
 * runtime stops is marked `interrupted`.
 */
@Injectable()
export class RunsService {
  private readonly logger = new Logger('Runs');
  private readonly inFlight = new RunsInFlight((workspaceId, count) => this.reportLoad(workspaceId, count));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @InjectRepository(RunStep) private readonly steps: Repository<RunStep>,
    @InjectRepository(RunWait) private readonly waits: Repository<RunWait>,
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(AutomationVersion) private readonly versions: Repository<AutomationVersion>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runtime: FlowRuntimeService,
    private readonly deployer: FlowDeployer,
    private readonly limits: LimitWatch,
  ) {}

  /** A workspace nearing its runs-at-once limit is told, once a day (runs beyond it wait in the queue). */
  private reportLoad(workspaceId: string, count: number): void {
    const limit = this.config.automation.maxConcurrentRuns;
    const day = new Date().toISOString().slice(0, 10);
    this.limits
      .report(workspaceId, 'automation.concurrent_runs', count, limit, day)
      .catch((error: Error) => this.logger.warn(`limit report: ${error.message}`));
  }

  /**
   * Records a run of a published automation, started at its trigger node with this payload.
   * Where this process hosts the runtime, the automation is deployed and the workspace has room,
   * the run is written `running` and handed over at once (no claim needed: no other process
   * knows it yet); otherwise it is written `queued` for the dispatcher.
   */
  async start(automation: Automation, triggerNodeId: string, payload: Record<string, unknown>): Promise<Run> {
    const [run] = await this.startAll([{ automation, triggerNodeId, payload }]);
    return run;
  }

  /**
   * Records several runs in one transaction with `alongside` (what caused them, e.g. a hook's
   * delivery), so the cause is never stored without its runs; then hands them over.
   */
  async startAll(starts: RunStart[], alongside?: (em: EntityManager) => Promise<void>): Promise<Run[]> {
    const runs = starts.map((start) => this.newRun(start));
    try {
      await inTransaction(this.dataSource, async (em) => {
        await alongside?.(em);
        await insertRows(em, Run, runs.map(jsonRow));
      });
    } catch (error) {
      for (const run of runs) this.inFlight.remove(run.id);
      throw error;
    }
    for (const run of runs) {
      if (run.status !== 'running' || !(await this.handOver(run))) this.dispatchSoon();
    }
    return runs;
  }

  /** A run to write: `running` (its place among the workspace's runs in flight taken) or `queued`. */
  private newRun({ automation, triggerNodeId, payload, draftGraph, retryOf }: RunStart): Run {
    // A test's flow is deployed for it by the dispatcher, so a test always starts queued.
    const direct =
      !draftGraph &&
      this.runtime.running() &&
      this.deployer.isDeployed(automation.id) &&
      this.inFlight.count(automation.workspaceId) < this.config.automation.maxConcurrentRuns;
    const run = this.runs.create({
      id: newId(),
      workspaceId: automation.workspaceId,
      automationId: automation.id,
      // A test runs the draft, which is no published version: 0.
      version: draftGraph ? 0 : (automation.publishedVersion ?? 0),
      status: direct ? 'running' : 'queued',
      triggerNodeId,
      input: payload,
      error: null,
      draftGraph: draftGraph ?? null,
      retryOf: retryOf ?? null,
      startedAt: new Date(),
      finishedAt: null,
    });
    if (direct) this.inFlight.add(run.id, inFlightOf(run));
    return run;
  }

  /** The automation a run belongs to: from this host's runs in flight, else the database. */
  async automationOf(runId: string): Promise<string | null> {
    const known = this.inFlight.get(runId)?.automationId;
    if (known) return known;
    const run = await this.runs.findOne({ select: { automationId: true }, where: { id: runId } });
    return run?.automationId ?? null;
  }

  /** Gives a run marked `running` to the runtime; if the runtime is gone, it goes back to the queue. */
  private async handOver(run: Run): Promise<boolean> {
    this.inFlight.add(run.id, inFlightOf(run));
    const msg = { payload: run.input, _so: { runId: run.id, hops: 0 } };
    if (this.runtime.trigger(runtimeNodeId(flowIdOf(run), run.triggerNodeId), msg)) return true;
    this.inFlight.remove(run.id);
    await this.runs.update({ id: run.id }, { status: 'queued' });
    return false;
  }

  private dispatchSoon(): void {
    void this.dispatch().catch((error: Error) => this.logger.error(`dispatch: ${error.message}`));
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

  /**
   * Oldest first, skipping workspaces at their concurrency limit (so one busy workspace never
   * starves the others), a page at a time: a long queue costs a page per pass, not all of it.
   */
  private async dispatchQueued(): Promise<void> {
    const limit = this.config.automation.maxConcurrentRuns;
    for (;;) {
      const full = this.inFlight.workspacesAt(limit);
      this.heldBack = full.length > 0;
      // Ids first: a pass often has room for a few of the page, and only those are read whole.
      const page = await this.runs.find({
        select: { id: true, workspaceId: true, automationId: true, draftGraph: true },
        where: { status: 'queued', ...(full.length && { workspaceId: Not(In(full)) }) },
        order: { id: 'ASC' },
        take: QUEUE_PAGE,
      });
      if (!page.length) return;
      await this.deployer.ensureDeployed(new Set(page.map(flowIdOf)));
      const claimed: string[] = [];
      for (const run of page) {
        if (!run.draftGraph && this.inFlight.count(run.workspaceId) >= limit) continue;
        const { affected } = await this.runs.update({ id: run.id, status: 'queued' }, { status: 'running' });
        if (!affected) continue;
        this.inFlight.add(run.id, inFlightOf(run));
        claimed.push(run.id);
      }
      let handedOver = true;
      for (const run of claimed.length ? await this.runs.findBy({ id: In(claimed) }) : []) {
        handedOver = (await this.handOver(run)) && handedOver;
      }
      if (!handedOver) return;
    }
  }

  private async dispatchDecided(): Promise<void> {
    for (const wait of await this.waits.find({ where: { resumePort: Not(IsNull()) }, take: 500 })) {
      const claimed = await this.waits.delete({ id: wait.id, resumePort: wait.resumePort! });
      if (!claimed.affected) continue;
      const run = await this.runs.findOneBy({ id: wait.runId });
      if (!run) continue;
      await this.runs.update({ id: run.id }, { status: 'running', finishedAt: null });
      this.inFlight.add(run.id, { workspaceId: run.workspaceId, automationId: run.automationId });
      // The steps it took before it waited count on: a loop through a long wait is bounded too.
      const steps = await this.steps.countBy({ runId: run.id });
      const msg = { payload: wait.payload, _so: { runId: run.id, hops: 0, steps, resume: { port: wait.resumePort! } } };
      this.runtime.trigger(runtimeNodeId(flowIdOf(run), wait.nodeId), msg);
    }
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
    if (decided.affected) this.dispatchSoon();
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

  /** What the runtime reports (steps, then settled runs), kept for one write per turn. */
  private reported: { steps: StepRecord[]; settled: Array<Reported<SettledRun>> } = { steps: [], settled: [] };

  /** Steps of runs this host handed over, and of other runs the database knows; others are dropped. */
  recordSteps(records: StepRecord[]): Promise<void> {
    this.reported.steps.push(...records);
    return this.reportSoon();
  }

  /** No message of the run is in flight: it waits, or it is over. */
  settle(message: SettledRun): Promise<void> {
    return new Promise((resolve, reject) => {
      this.reported.settled.push({ message, resolve, reject });
      void this.reportSoon();
    });
  }

  private reporting: Promise<void> | null = null;

  /**
   * What the runtime reports in one turn is written in one transaction: every step in a few
   * multi-row inserts, then one update per outcome — steps before the outcome that follows
   * them, so a finished run is never read without its steps.
   */
  private reportSoon(): Promise<void> {
    this.reporting ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const { steps, settled } = this.reported;
      this.reported = { steps: [], settled: [] };
      this.reporting = null;
      return this.writeReports(steps, settled);
    });
    return this.reporting;
  }

  private async writeReports(steps: StepRecord[], settled: Array<Reported<SettledRun>>): Promise<void> {
    try {
      const rows = await this.stepRows(steps);
      await inTransaction(this.dataSource, async (em) => {
        // Steps are the run's record, its outcome is the run: steps that cannot be written (in
        // a savepoint of their own) must not leave the runs open.
        await em
          .transaction((inner) => insertRows(inner, RunStep, rows))
          .catch((error: Error) => this.logger.error(`steps: ${error.message}`));
        await this.writeOutcomes(
          em,
          settled.map((s) => s.message),
        );
      });
      for (const { resolve } of settled) resolve();
    } catch (error) {
      for (const { reject } of settled) reject(error as Error);
      if (!settled.length) throw error;
    }
    if (this.heldBack && settled.length) this.dispatchSoon();
  }

  private async stepRows(records: StepRecord[]): Promise<Array<QueryDeepPartialEntity<RunStep>>> {
    const unknown = [...new Set(records.map((r) => r.runId))].filter((id) => !this.inFlight.get(id));
    const known = new Set(records.map((r) => r.runId).filter((id) => this.inFlight.get(id)));
    for (const ids of inLists(unknown)) {
      const found = await this.runs.find({ select: { id: true }, where: { id: In(ids) } });
      for (const run of found) known.add(run.id);
    }
    // In the order the steps started (they come in the order they finished), so ids follow it.
    return records
      .filter((r) => known.has(r.runId))
      .sort((a, b) => a.startedAt - b.startedAt)
      .map((r) =>
        jsonRow({
          id: runStepId(r.startedAt),
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
  }

  /** Runs settling together are written together: one statement per outcome. */
  private async writeOutcomes(em: EntityManager, settled: SettledRun[]): Promise<void> {
    const waiting = await this.waitingAmong(
      em,
      settled.map((m) => m.runId),
    );
    const outcomes = new Map<string, { status: RunStatus; error: string | null; ids: string[] }>();
    for (const message of settled) {
      this.inFlight.remove(message.runId);
      const parked = waiting.has(message.runId);
      const status = parked ? 'waiting' : message.stopped ? 'stopped' : message.error ? 'failed' : 'succeeded';
      const error = message.stopped ?? message.error;
      const key = JSON.stringify([status, error]);
      const outcome = outcomes.get(key) ?? { status, error, ids: [] };
      outcome.ids.push(message.runId);
      outcomes.set(key, outcome);
    }
    const now = new Date();
    for (const { status, error, ids } of outcomes.values()) {
      for (const list of inLists(ids)) {
        await em.update(
          Run,
          { id: In(list), status: In(['running', 'queued']) },
          { status, error, finishedAt: status === 'waiting' ? null : now },
        );
      }
    }
  }

  private async waitingAmong(em: EntityManager, runIds: string[]): Promise<Set<string>> {
    const waiting = new Set<string>();
    for (const ids of inLists(runIds)) {
      const rows = await em.find(RunWait, {
        select: { runId: true },
        where: { runId: In(ids) },
      });
      for (const row of rows) waiting.add(row.runId);
    }
    return waiting;
  }

  /** The runtime (re)started: whatever was in flight in the old one is gone, and said so. */
  async interruptInFlight(): Promise<number> {
    this.inFlight.clear();
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
  /** Returns the runs it stopped, with why. */
  async stopOverdue(now = new Date()): Promise<Run[]> {
    const cutoff = new Date(now.getTime() - this.config.automation.maxRunMs);
    const overdue = await this.runs.findBy({ status: 'running', startedAt: LessThanOrEqual(cutoff) });
    const stopped: Run[] = [];
    for (const run of overdue) {
      this.runtime.stopRun(run.id);
      this.inFlight.remove(run.id);
      const error = `ran longer than ${this.config.automation.maxRunMs / 1000} s`;
      const done = await this.runs.update(
        { id: run.id, status: 'running' },
        { status: 'stopped', error, finishedAt: now },
      );
      if (done.affected) stopped.push({ ...run, status: 'stopped', error, finishedAt: now });
    }
    return stopped;
  }

  /**
   * The automation's runs, newest first, a page at a time, of one status and within a date range
   * when asked. Keyset paging on the id; a date is an id bound (ids are time-ordered by start), so
   * status, dates and page all walk one index (automationId, status, id).
   */
  async list(workspaceId: string, automationId: string, query: RunSearch = {}): Promise<Page<RunView>> {
    const rows = await this.runs.find({
      where: { workspaceId, automationId, ...runSearchWhere(query) },
      order: { id: 'DESC' },
      take: PAGE_SIZE + 1,
    });
    const page = rows.slice(0, PAGE_SIZE);
    return { items: page.map(runView), nextCursor: rows.length > PAGE_SIZE ? rows[PAGE_SIZE].id : null };
  }

  /** A run with a page of its steps, oldest first, after `cursor` (the last step id seen). */
  async get(workspaceId: string, runId: string, query: RunStepsQuery = {}): Promise<RunDetailView> {
    const run = await this.runs.findOneBy({ id: runId, workspaceId });
    if (!run) throw notFound('Run');
    const limit = query.limit ?? STEPS_PAGE;
    const rows = await this.steps.find({
      where: { runId, ...(query.cursor ? { id: MoreThan(query.cursor) } : {}) },
      order: { id: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      ...runView(run),
      steps: page.map(stepView),
      nextStepsCursor: rows.length > limit ? page[page.length - 1].id : null,
      graph: query.cursor ? null : await this.graphOf(run),
    };
  }

  /** The graph a run went through (with its first page of steps): a test's draft, else its version's. */
  async graphOf(run: Pick<Run, 'automationId' | 'version' | 'draftGraph'>): Promise<Graph | null> {
    if (run.draftGraph) return run.draftGraph;
    const version = await this.versions.findOneBy({ automationId: run.automationId, version: run.version });
    return version?.graph ?? null;
  }

  /** The same input through the automation's current published version. */
  async rerun(workspaceId: string, runId: string): Promise<RunView> {
    const run = await this.runs.findOneBy({ id: runId, workspaceId });
    if (!run) throw notFound('Run');
    const automation = await this.automations.findOneByOrFail({ id: run.automationId });
    return runView(await this.start(automation, run.triggerNodeId, run.input));
  }
}
