import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, IsNull, Repository } from 'typeorm';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { compileAutomation, testFlowId } from './compile';
import { Run } from './run.entity';
import { RUNTIME_TOKENS } from './runtime-tokens.provider';
import type { RuntimeTokens } from './runtime-token';

/**
 * Keeps the runtime's flows equal to the enabled, published automations: deploys them all after
 * every (re)start of the runtime and after every change. Node-RED then restarts only the tabs
 * that changed.
 */
@Injectable()
export class FlowDeployer {
  private readonly logger = new Logger('FlowDeployer');

  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(AutomationVersion) private readonly versions: Repository<AutomationVersion>,
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @Inject(RUNTIME_TOKENS) private readonly tokens: RuntimeTokens,
    private readonly runtime: FlowRuntimeService,
  ) {}

  /** What is deployed: each live automation's id and version (changes made by another process show here). */
  private deployed: string | null = null;
  private deployedIds = new Set<string>();

  private deploying: Promise<void> = Promise.resolve();

  /**
   * Deploys when this process hosts a running runtime; otherwise the next `ready` will. One at a
   * time, each reading what to deploy when its turn comes: two overlapping deployments could
   * otherwise land in the wrong order, the older one taking away a test's flow mid-run.
   */
  deployAll(): Promise<void> {
    const turn = this.deploying.then(() => this.deployNow());
    this.deploying = turn.catch(() => undefined);
    return turn;
  }

  private async deployNow(): Promise<void> {
    if (!this.runtime.running()) return;
    const live = await this.live();
    const flows: Array<Record<string, unknown>> = [];
    for (const automation of live) {
      const version = await this.versions.findOneBy({
        automationId: automation.id,
        version: automation.publishedVersion!,
      });
      if (!version) continue;
      flows.push(
        ...compileAutomation({
          automationId: automation.id,
          workspaceId: automation.workspaceId,
          name: automation.name,
          version: version.version,
          graph: version.graph,
          token: this.tokens.issue({ workspaceId: automation.workspaceId, automationId: automation.id }),
        }),
      );
    }
    const tests = await this.testsInFlight();
    flows.push(...tests.flatMap((run) => this.testFlow(run, live)));
    await this.runtime.deploy(flows);
    this.deployed = fingerprint(live, tests);
    this.deployedIds = new Set([...live.map((a) => a.id), ...tests.map((t) => testFlowId(t.id))]);
    this.logger.log(`deployed ${live.length} automation(s), ${tests.length} test(s)`);
  }

  /**
   * Tests waiting for or in their run get a flow of their own, compiled from the draft they
   * carry (checked when the test started) with a dry-run token; a settled test's flow goes at the
   * next deployment. Read from the database, so a test started by another process runs here too.
   */
  private testsInFlight(): Promise<Run[]> {
    return this.runs.find({
      select: { id: true, workspaceId: true, automationId: true, draftGraph: true },
      where: { status: In(['queued', 'running']), draftGraph: Not(IsNull()) },
    });
  }

  private testFlow(run: Run, live: Automation[]): Array<Record<string, unknown>> {
    const scope = { workspaceId: run.workspaceId, automationId: run.automationId, dryRun: true };
    return compileAutomation({
      automationId: run.automationId,
      workspaceId: run.workspaceId,
      name: `Test of ${live.find((a) => a.id === run.automationId)?.name ?? 'a draft'}`,
      version: 0,
      graph: run.draftGraph!,
      token: this.tokens.issue(scope),
      flowId: testFlowId(run.id),
    });
  }

  /**
   * Deploys again when the live automations changed since the last deployment — published,
   * enabled, disabled or deleted by a process that does not host the runtime (the API, when a
   * worker hosts it).
   */
  async deployIfChanged(): Promise<void> {
    if (!this.runtime.running()) return;
    if (fingerprint(await this.live(), await this.testsInFlight()) !== this.deployed) await this.deployAll();
  }

  /** Whether the flow (an automation's, or a test's: `flowIdOf`) is on the runtime now. */
  isDeployed(flowId: string): boolean {
    return this.deployedIds.has(flowId);
  }

  /** Before runs are handed over: their flows must be running (published a moment ago elsewhere, a test just started). */
  async ensureDeployed(flowIds: Iterable<string>): Promise<void> {
    for (const id of flowIds) {
      if (!this.deployedIds.has(id)) return this.deployIfChanged();
    }
  }

  /** After a (re)start the runtime has no flows, whatever was deployed before. */
  forget(): void {
    this.deployed = null;
    this.deployedIds = new Set();
  }

  private live(): Promise<Automation[]> {
    return this.automations.findBy({ enabled: true, publishedVersion: Not(IsNull()) });
  }
}

const fingerprint = (live: Automation[], tests: Run[]) =>
  [...live.map((a) => `${a.id}:${a.publishedVersion}`), ...tests.map((t) => testFlowId(t.id))].sort().join(',');
