import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ActionCall } from '@socialorchestrator/rule-nodes';
import { LRUCache } from 'lru-cache';
import { Repository } from 'typeorm';
import { ActionHandlers } from './actions/action-handlers';
import { DryRunActions } from './actions/dry-run-actions';
import type { ActionResult } from './actions/action-context';
import { Automation } from './automation.entity';
import { AutomationsError } from './automations.errors';
import type { RuntimeScope, RuntimeTokens } from './runtime-token';
import { RUNTIME_TOKENS } from './runtime-tokens.provider';
import { RunsService } from './runs.service';

/**
 * What the flow runtime's rule nodes ask the backend to do (they arrive over the runtime's IPC
 * channel). The only credential is the runtime token of the node's automation: the workspace
 * comes from the token, never from the call, so a crafted message or config cannot reach another
 * workspace's data.
 */
@Injectable()
export class RuntimeActions {
  /** A busy flow calls for every message: its automation is read once a second, at most. */
  private readonly recent = new LRUCache<string, Automation>({ max: 1000, ttl: 1000 });

  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @Inject(RUNTIME_TOKENS) private readonly tokens: RuntimeTokens,
    private readonly runs: RunsService,
    private readonly handlers: ActionHandlers,
    private readonly dryRun: DryRunActions,
  ) {}

  async perform(call: ActionCall): Promise<ActionResult> {
    const scope = this.tokens.verify(call.token);
    if (!scope) throw new AutomationsError('INVALID_TOKEN');
    const automation = await this.automation(scope);
    // A test runs the draft of an automation that may be off: its token is a test flow's, never a live one's.
    if (!automation || !(automation.enabled || scope.dryRun))
      throw new AutomationsError('INVALID_TOKEN', 'the automation is gone or disabled');
    if ((await this.runs.automationOf(call.runId)) !== automation.id)
      throw new AutomationsError('INVALID_TOKEN', 'the run is not one of this automation');
    // The one place a test's actions become simulations: the token of a test's flow says so.
    const handler = scope.dryRun ? this.dryRun.for(call.type) : this.handlers.for(call.type);
    if (!handler) throw new AutomationsError('UNKNOWN_ACTION', `no action ${call.type}`);
    if (!automation.createdBy) throw new AutomationsError('ACTION_REFUSED', 'the automation has no author to act as');
    return handler({
      workspaceId: automation.workspaceId,
      automation,
      actor: { kind: 'user', userId: automation.createdBy, apiKey: null },
      runId: call.runId,
      nodeId: call.nodeId,
      config: call.config,
      payload: call.payload,
    });
  }

  private async automation(scope: RuntimeScope): Promise<Automation | null> {
    const cached = this.recent.get(scope.automationId);
    // A test caches an automation that may be off; switched on (published) since, it is read again.
    if (cached && (cached.enabled || scope.dryRun)) return cached.workspaceId === scope.workspaceId ? cached : null;
    const automation = await this.automations.findOneBy({ id: scope.automationId, workspaceId: scope.workspaceId });
    if (automation) this.recent.set(automation.id, automation);
    return automation;
  }
}
