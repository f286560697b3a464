import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { nodeTypeSpec, type NodeType } from '@socialorchestrator/rule-nodes';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { notFound } from '../common/common.errors';
import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { AutomationsError } from './automations.errors';
import type { GraphNode } from './graph';
import type { Run } from './run.entity';
import { RunsService, type RunStart } from './runs.service';

/** Starts runs where events happen: a trigger node of a live automation's published version. */
@Injectable()
export class AutomationTriggers {
  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(AutomationVersion) private readonly versions: Repository<AutomationVersion>,
    private readonly runs: RunsService,
  ) {}

  /** A run from one trigger node (test runs, hooks); the automation must be published. */
  async startAt(
    workspaceId: string,
    automationId: string,
    nodeId: string,
    payload: Record<string, unknown>,
  ): Promise<Run> {
    const automation = await this.automations.findOneBy({ id: automationId, workspaceId });
    if (!automation) throw notFound('Automation');
    const node = (await this.triggerNodes(automation)).find((n) => n.id === nodeId);
    if (!node) throw new AutomationsError('NO_SUCH_TRIGGER', `The published version has no trigger node ${nodeId}`);
    return this.runs.start(automation, node.id, payload);
  }

  /** The trigger nodes of one type in one live automation (none when it is off or unpublished). */
  async liveIn(automationId: string, type: NodeType): Promise<{ automation: Automation; nodes: GraphNode[] }> {
    const automation = await this.automations.findOneBy({
      id: automationId,
      enabled: true,
      publishedVersion: Not(IsNull()),
    });
    if (!automation) throw new AutomationsError('NO_SUCH_TRIGGER', 'The automation is off or not published');
    return { automation, nodes: (await this.triggerNodes(automation)).filter((n) => n.type === type) };
  }

  /** Runs from trigger nodes, written in one transaction with `alongside` (what caused them). */
  startRuns(starts: RunStart[], alongside?: (em: EntityManager) => Promise<void>): Promise<Run[]> {
    return this.runs.startAll(starts, alongside);
  }

  /** The trigger nodes of one type across a workspace's live automations (or every workspace's). */
  async live(type: NodeType, workspaceId?: string): Promise<Array<{ automation: Automation; node: GraphNode }>> {
    const automations = await this.automations.findBy({
      enabled: true,
      publishedVersion: Not(IsNull()),
      ...(workspaceId && { workspaceId }),
    });
    const found: Array<{ automation: Automation; node: GraphNode }> = [];
    for (const automation of automations) {
      for (const node of await this.triggerNodes(automation)) {
        if (node.type === type) found.push({ automation, node });
      }
    }
    return found;
  }

  private async triggerNodes(automation: Automation): Promise<GraphNode[]> {
    if (automation.publishedVersion === null) throw new AutomationsError('NOT_PUBLISHED');
    const version = await this.versions.findOneBy({
      automationId: automation.id,
      version: automation.publishedVersion,
    });
    return (version?.graph.nodes ?? []).filter((n) => nodeTypeSpec(n.type)?.category === 'trigger');
  }
}
