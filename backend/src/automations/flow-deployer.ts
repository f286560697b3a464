import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, IsNull, Repository } from 'typeorm';
import { FlowRuntimeService } from '../runtime/flow-runtime.service';
import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { compileAutomation } from './compile';
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
    @Inject(RUNTIME_TOKENS) private readonly tokens: RuntimeTokens,
    private readonly runtime: FlowRuntimeService,
  ) {}

  /** What is deployed: each live automation's id and version (changes made by another process show here). */
  private deployed: string | null = null;
  private deployedIds = new Set<string>();

  /** Deploys when this process hosts a running runtime; otherwise the next `ready` will. */
  async deployAll(): Promise<void> {
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
    await this.runtime.deploy(flows);
    this.deployed = fingerprint(live);
    this.deployedIds = new Set(live.map((a) => a.id));
    this.logger.log(`deployed ${live.length} automation(s)`);
  }

  /**
   * Deploys again when the live automations changed since the last deployment — published,
   * enabled, disabled or deleted by a process that does not host the runtime (the API, when a
   * worker hosts it).
   */
  async deployIfChanged(): Promise<void> {
    if (!this.runtime.running()) return;
    if (fingerprint(await this.live()) !== this.deployed) await this.deployAll();
  }

  /** Whether the automation's flow is on the runtime now. */
  isDeployed(automationId: string): boolean {
    return this.deployedIds.has(automationId);
  }

  /** Before runs are handed over: their automations must be running (published a moment ago elsewhere, say). */
  async ensureDeployed(automationIds: Iterable<string>): Promise<void> {
    for (const id of automationIds) {
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

const fingerprint = (live: Automation[]) =>
  live
    .map((a) => `${a.id}:${a.publishedVersion}`)
    .sort()
    .join(',');
