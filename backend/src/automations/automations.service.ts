import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { graphDiff, type GraphDiff } from '@socialorchestrator/rule-nodes';
import { DataSource, IsNull, Not, Repository } from 'typeorm';
import type { Principal } from '../access/access-context';
import { SECRET_BOX } from '../accounts/secret-box.provider';
import { ActivityService, type ActivityAction } from '../activity/activity.service';
import { notFound } from '../common/common.errors';
import type { FieldError } from '../common/domain-error';
import { newId } from '../common/ids';
import { SecretBox } from '../common/secret-box';
import { randomToken } from '../common/secrets';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { jsonRow } from '../database/json-row';
import { inTransaction } from '../database/transactions';
import { automationView, versionView, type AutomationSummary, type AutomationView } from './automation-view';
import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { AutomationsError } from './automations.errors';
import { FlowDeployer } from './flow-deployer';
import { EMPTY_GRAPH, type Graph } from './graph';
import { validateGraph } from './graph-validation';
import { AutomationHook } from './hook.entity';
import { Run } from './run.entity';
import { NodeSamples } from './samples/node-samples.service';
import { FeedHealth } from './triggers/feed-health';

export interface HookView {
  hookId: string;
  url: string;
  createdAt: string;
}

/** Automations of a workspace: the draft people edit, its published versions, and its hook. */
@Injectable()
export class AutomationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(AutomationVersion) private readonly versions: Repository<AutomationVersion>,
    @InjectRepository(AutomationHook) private readonly hooks: Repository<AutomationHook>,
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deployer: FlowDeployer,
    private readonly activity: ActivityService,
    private readonly feeds: FeedHealth,
    private readonly samples: NodeSamples,
  ) {}

  async list(workspaceId: string): Promise<{ items: AutomationSummary[] }> {
    const rows = await this.automations.find({ where: { workspaceId }, order: { name: 'ASC' } });
    const items: AutomationSummary[] = [];
    const failingFeeds = await this.feeds.failingCounts(workspaceId, rows);
    for (const a of rows) {
      const last = await this.runs.findOne({ where: { automationId: a.id }, order: { id: 'DESC' } });
      items.push({
        id: a.id,
        name: a.name,
        enabled: a.enabled,
        publishedVersion: a.publishedVersion,
        updatedAt: a.updatedAt.toISOString(),
        lastRun: last ? { id: last.id, status: last.status, startedAt: last.startedAt.toISOString() } : null,
        failingFeeds: failingFeeds.get(a.id) ?? 0,
      });
    }
    return { items };
  }

  async create(
    workspaceId: string,
    actor: Principal,
    name: string,
    graph?: Graph,
    templateId: string | null = null,
  ): Promise<AutomationView> {
    const automation = this.automations.create({
      id: newId(),
      workspaceId,
      name,
      graph: graph ?? EMPTY_GRAPH,
      enabled: false,
      publishedVersion: null,
      createdBy: actor.userId,
      templateId,
    });
    await this.automations.insert(jsonRow(automation));
    await this.record(workspaceId, actor, 'automation.created', automation);
    return this.get(workspaceId, automation.id);
  }

  /** Whether the workspace has started an automation from a recipe template (the onboarding step). */
  startedFromTemplate(workspaceId: string): Promise<boolean> {
    return this.automations.existsBy({ workspaceId, templateId: Not(IsNull()) });
  }

  async get(workspaceId: string, id: string): Promise<AutomationView> {
    const automation = await this.find(workspaceId, id);
    const hook = await this.hooks.findOne({ where: { automationId: id }, order: { createdAt: 'DESC' } });
    const feedNodes = automation.graph.nodes.filter((n) => n.type === 'rss-in').map((n) => n.id);
    return automationView(
      automation,
      hook ? { hookId: hook.id, url: this.hookUrl(hook.id) } : null,
      await this.feeds.views(workspaceId, id, feedNodes),
      await this.samples.views(workspaceId, id),
    );
  }

  /** Saves the draft as edited; it is checked when published. */
  async update(workspaceId: string, actor: Principal, id: string, changes: { name?: string; graph?: Graph }) {
    const automation = await this.find(workspaceId, id);
    await this.automations.update(
      automation.id,
      jsonRow({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.graph !== undefined && { graph: changes.graph }),
      }),
    );
    await this.record(workspaceId, actor, 'automation.edited', automation);
    return this.get(workspaceId, id);
  }

  async remove(workspaceId: string, actor: Principal, id: string): Promise<void> {
    const automation = await this.find(workspaceId, id);
    await this.automations.delete(automation.id);
    await this.record(workspaceId, actor, 'automation.deleted', automation);
    await this.redeploy();
  }

  /** Checks the draft, stores it as the next version and deploys it (enabling a first publish). */
  async publish(workspaceId: string, actor: Principal, id: string): Promise<{ version: number; publishedAt: string }> {
    const automation = await this.find(workspaceId, id);
    const problems = [
      ...validateGraph(automation.graph),
      ...(await this.handlerProblems(workspaceId, automation.graph)),
    ];
    if (problems.length) throw new AutomationsError('INVALID_GRAPH', problems[0].message, problems);
    const version = await inTransaction(this.dataSource, async (em) => {
      const latest = await em.findOne(AutomationVersion, { where: { automationId: id }, order: { version: 'DESC' } });
      const row = em.create(AutomationVersion, {
        id: newId(),
        automationId: id,
        version: (latest?.version ?? 0) + 1,
        graph: automation.graph,
        publishedBy: actor.userId,
      });
      await em.insert(AutomationVersion, jsonRow(row));
      const enabled = automation.publishedVersion === null ? true : automation.enabled;
      await em.update(Automation, id, { publishedVersion: row.version, enabled });
      return row;
    });
    await this.record(workspaceId, actor, 'automation.published', automation, { version: version.version });
    await this.redeploy();
    return { version: version.version, publishedAt: version.publishedAt.toISOString() };
  }

  async versionsOf(workspaceId: string, id: string) {
    await this.find(workspaceId, id);
    const rows = await this.versions.find({ where: { automationId: id }, order: { version: 'DESC' } });
    return { items: rows.map(versionView) };
  }

  /** What restoring a version would change in the draft: steps and connections by label. */
  async diff(workspaceId: string, id: string, version: number): Promise<GraphDiff & { version: number }> {
    const automation = await this.find(workspaceId, id);
    const row = await this.versions.findOneBy({ automationId: id, version });
    if (!row) throw notFound(`Version ${version}`);
    return { version, ...graphDiff(automation.graph, row.graph) };
  }

  /** The automation an error handler starts must be one of this workspace's. */
  private async handlerProblems(workspaceId: string, graph: Graph): Promise<FieldError[]> {
    const handler = graph.errorHandler;
    if (handler?.kind !== 'automation' || typeof handler.automationId !== 'string') return [];
    if (await this.automations.existsBy({ id: handler.automationId, workspaceId })) return [];
    return [
      {
        field: 'graph.errorHandler.automationId',
        message: 'The error handler names an automation this workspace does not have',
      },
    ];
  }

  /** Copies a version back into the draft; publishing it makes it run again. */
  async restore(workspaceId: string, actor: Principal, id: string, version: number): Promise<AutomationView> {
    await this.find(workspaceId, id);
    const row = await this.versions.findOneBy({ automationId: id, version });
    if (!row) throw notFound(`Version ${version}`);
    return this.update(workspaceId, actor, id, { graph: row.graph });
  }

  async setEnabled(workspaceId: string, actor: Principal, id: string, enabled: boolean): Promise<AutomationView> {
    const automation = await this.find(workspaceId, id);
    if (enabled && automation.publishedVersion === null) throw new AutomationsError('NOT_PUBLISHED');
    await this.automations.update(id, { enabled });
    await this.record(workspaceId, actor, enabled ? 'automation.enabled' : 'automation.disabled', automation);
    await this.redeploy();
    return this.get(workspaceId, id);
  }

  /** A new hook address and secret; the secret is shown this once and kept sealed. */
  async createHook(workspaceId: string, id: string): Promise<{ hookId: string; url: string; secret: string }> {
    await this.find(workspaceId, id);
    const secret = randomToken(32);
    const hook = this.hooks.create({
      id: newId(),
      workspaceId,
      automationId: id,
      secretSealed: this.secrets.seal(secret),
    });
    await this.hooks.insert(jsonRow(hook));
    return { hookId: hook.id, url: this.hookUrl(hook.id), secret };
  }

  /** Every address of the automation, oldest first (each sender may have its own); secrets stay sealed. */
  async listHooks(workspaceId: string, id: string): Promise<{ items: HookView[] }> {
    await this.find(workspaceId, id);
    const hooks = await this.hooks.find({ where: { workspaceId, automationId: id }, order: { createdAt: 'ASC' } });
    return {
      items: hooks.map((h) => ({ hookId: h.id, url: this.hookUrl(h.id), createdAt: h.createdAt.toISOString() })),
    };
  }

  /** Revokes an address (a leaked secret, a retired sender): its deliveries are refused from then on. */
  async deleteHook(workspaceId: string, id: string, hookId: string): Promise<void> {
    await this.find(workspaceId, id);
    const deleted = await this.hooks.delete({ id: hookId, automationId: id, workspaceId });
    if (!deleted.affected) throw notFound('Hook');
  }

  private hookUrl(hookId: string): string {
    return `${this.config.publicUrl}/api/v1/hooks/${hookId}`;
  }

  private async redeploy(): Promise<void> {
    await this.deployer.deployAll().catch((error: Error) => {
      throw new AutomationsError('RUNTIME_REFUSED', error.message);
    });
  }

  private async find(workspaceId: string, id: string): Promise<Automation> {
    const automation = await this.automations.findOneBy({ id, workspaceId });
    if (!automation) throw notFound('Automation');
    return automation;
  }

  private record(
    workspaceId: string,
    actor: Principal,
    action: ActivityAction,
    automation: Automation,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.activity.record(workspaceId, actor, {
      action,
      targetType: 'automation',
      targetId: automation.id,
      details: { name: automation.name, ...details },
    });
  }
}
