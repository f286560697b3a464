import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsObject, IsString, MaxLength } from 'class-validator';
import { Repository } from 'typeorm';
import { Public } from '../access/access.decorators';
import { Inject } from '@nestjs/common';
import { ActionHandlers } from './actions/action-handlers';
import type { ActionResult } from './actions/action-context';
import { Automation } from './automation.entity';
import { AutomationsError } from './automations.errors';
import type { RuntimeTokens } from './runtime-token';
import { RUNTIME_TOKENS } from './runtime-tokens.provider';
import { Run } from './run.entity';

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
  constructor(
    @InjectRepository(Automation) private readonly automations: Repository<Automation>,
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @Inject(RUNTIME_TOKENS) private readonly tokens: RuntimeTokens,
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
    const automation = await this.automations.findOneBy({ id: scope.automationId, workspaceId: scope.workspaceId });
    if (!automation?.enabled) throw new AutomationsError('INVALID_TOKEN', 'the automation is gone or disabled');
    const run = await this.runs.findOneBy({ id: body.runId, automationId: automation.id });
    if (!run) throw new AutomationsError('INVALID_TOKEN', 'the run is not one of this automation');
    const handler = this.handlers.for(type);
    if (!handler) throw new AutomationsError('UNKNOWN_ACTION', `no action ${type}`);
    if (!automation.createdBy) throw new AutomationsError('ACTION_REFUSED', 'the automation has no author to act as');
    return handler({
      workspaceId: automation.workspaceId,
      automation,
      actor: { kind: 'user', userId: automation.createdBy, apiKey: null },
      runId: run.id,
      nodeId: body.nodeId,
      config: body.config,
      payload: body.payload,
    });
  }
}
