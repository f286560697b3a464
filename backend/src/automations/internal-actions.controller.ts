import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsObject, IsString, MaxLength } from 'class-validator';
import { LRUCache } from 'lru-cache';
import { Repository } from 'typeorm';
import { Public } from '../access/access.decorators';
import { ActionHandlers } from './actions/action-handlers';
import type { ActionResult } from './actions/action-context';
import { Automation } from './automation.entity';
import { AutomationsError } from './automations.errors';
import type { RuntimeScope, RuntimeTokens } from './runtime-token';
import { RUNTIME_TOKENS } from './runtime-tokens.provider';
import { RunsService } from './runs.service';

export class ActionRequestDto {
  @IsString()
  @MaxLength(36)
  runId: string;

  @IsString()
  @MaxLength(40)
  nodeId: string;

  @IsObject()
  config: Record<string, unknown>;

  @IsObject()
  payload: Record<string, unknown>;
}

/**
 * The internal API the flow runtime's rule nodes call. Its only credential is the runtime token
 * of the node's automation: the workspace comes from the token, never from the request, so a
 * crafted message or config cannot reach another workspace's data.
 */
@ApiExcludeController()
@Controller('internal/v1')
export class InternalActionsController {
  /** A busy flow calls for every message: its automation is read once a second, at most. */
  private readonly recent = new LRUCache<string, Automation>({ max: 1000, ttl: 1000 });

  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @Inject(RUNTIME_TOKENS) private readonly tokens: RuntimeTokens,
    private readonly runs: RunsService,
    private readonly handlers: ActionHandlers,
  ) {}

  @Post('actions/:type')
  @Public()
  @HttpCode(200)
  async act(
    @Headers('authorization') authorization: string | undefined,
    @Param('type') type: string,
    @Body() body: ActionRequestDto,
  ): Promise<ActionResult> {
    const scope = this.tokens.verify((authorization ?? '').replace(/^Bearer\s+/i, ''));
    if (!scope) throw new AutomationsError('INVALID_TOKEN');
    const automation = await this.automation(scope);
    if (!automation?.enabled) throw new AutomationsError('INVALID_TOKEN', 'the automation is gone or disabled');
    if ((await this.runs.automationOf(body.runId)) !== automation.id)
      throw new AutomationsError('INVALID_TOKEN', 'the run is not one of this automation');
    const handler = this.handlers.for(type);
    if (!handler) throw new AutomationsError('UNKNOWN_ACTION', `no action ${type}`);
    if (!automation.createdBy) throw new AutomationsError('ACTION_REFUSED', 'the automation has no author to act as');
    return handler({
      workspaceId: automation.workspaceId,
      automation,
      actor: { kind: 'user', userId: automation.createdBy, apiKey: null },
      runId: body.runId,
      nodeId: body.nodeId,
      config: body.config,
      payload: body.payload,
    });
  }

  private async automation(scope: RuntimeScope): Promise<Automation | null> {
    const cached = this.recent.get(scope.automationId);
    if (cached) return cached.workspaceId === scope.workspaceId ? cached : null;
    const automation = await this.automations.findOneBy({ id: scope.automationId, workspaceId: scope.workspaceId });
    if (automation) this.recent.set(automation.id, automation);
    return automation;
  }
}
