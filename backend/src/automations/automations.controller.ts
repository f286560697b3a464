import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NODE_CATALOG } from '@socialorchestrator/rule-nodes';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { pageOf } from '../common/pagination';
import {
  AutomationListDto,
  AutomationVersionListDto,
  AutomationViewDto,
  CreateAutomationDto,
  CreatedHookDto,
  HookListDto,
  NodeTypeListDto,
  PublishedDto,
  RunStartedDto,
  RunViewDto,
  RunsQueryDto,
  TestRunDto,
  UpdateAutomationDto,
} from './automations.dto';
import { AutomationsService } from './automations.service';
import { AutomationTriggers } from './automation-triggers';
import { DraftTestDto } from './runs.dto';
import { RunsService } from './runs.service';
import { TestRuns } from './test-runs.service';

@ApiTags('automations')
@Controller('api/v1/automations')
export class AutomationsController {
  constructor(
    private readonly automations: AutomationsService,
    private readonly runs: RunsService,
    private readonly triggers: AutomationTriggers,
    private readonly tests: TestRuns,
  ) {}

  /** The node catalog the editor builds its palette and forms from. */
  @Get('node-types')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: NodeTypeListDto })
  nodeTypes() {
    return { items: NODE_CATALOG };
  }

  @Get()
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: AutomationListDto })
  list(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return this.automations.list(workspace.workspaceId);
  }

  @Post()
  @RequirePermission('automations:write')
  @ApiCreatedResponse({ type: AutomationViewDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAutomationDto,
  ) {
    return this.automations.create(workspace.workspaceId, principal, body.name, body.graph);
  }

  @Get(':id')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: AutomationViewDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.automations.get(workspace.workspaceId, id);
  }

  @Patch(':id')
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: AutomationViewDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateAutomationDto,
  ) {
    return this.automations.update(workspace.workspaceId, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('automations:write')
  @ApiNoContentResponse({ description: 'Deleted, with its versions and runs' })
  remove(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ) {
    return this.automations.remove(workspace.workspaceId, principal, id);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: PublishedDto })
  publish(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ) {
    return this.automations.publish(workspace.workspaceId, principal, id);
  }

  @Get(':id/versions')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: AutomationVersionListDto })
  versions(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.automations.versionsOf(workspace.workspaceId, id);
  }

  @Post(':id/versions/:version/restore')
  @HttpCode(200)
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: AutomationViewDto })
  restore(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.automations.restore(workspace.workspaceId, principal, id, version);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: AutomationViewDto })
  enable(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ) {
    return this.automations.setEnabled(workspace.workspaceId, principal, id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: AutomationViewDto })
  disable(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ) {
    return this.automations.setEnabled(workspace.workspaceId, principal, id, false);
  }

  @Get(':id/runs')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: pageOf(RunViewDto) })
  async runsOf(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Query() query: RunsQueryDto) {
    await this.automations.get(workspace.workspaceId, id);
    return this.runs.list(workspace.workspaceId, id, query);
  }

  /** Runs the published version from a trigger node with a payload, for real ("Run now"). */
  @Post(':id/test')
  @HttpCode(202)
  @RequirePermission('automations:write')
  @ApiAcceptedResponse({ type: RunStartedDto })
  async test(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Body() body: TestRunDto) {
    const run = await this.triggers.startAt(workspace.workspaceId, id, body.nodeId, body.payload ?? {});
    return { runId: run.id };
  }

  /**
   * The editor's "Test": runs the draft (not the published version) from a trigger node on its
   * sample, or on the payload given, dry — posts, approvals, emails, webhooks and notifications
   * are simulated and each such step's output says what it would have done (`simulated`).
   */
  @Post(':id/test-runs')
  @HttpCode(202)
  @RequirePermission('automations:write')
  @ApiAcceptedResponse({ type: RunStartedDto })
  async testDraft(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Body() body: DraftTestDto) {
    const run = await this.tests.testDraft(workspace.workspaceId, id, body.nodeId, body.payload);
    return { runId: run.id };
  }

  @Post(':id/hooks')
  @RequirePermission('automations:write')
  @ApiCreatedResponse({ type: CreatedHookDto })
  createHook(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.automations.createHook(workspace.workspaceId, id);
  }

  @Get(':id/hooks')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: HookListDto })
  listHooks(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.automations.listHooks(workspace.workspaceId, id);
  }

  @Delete(':id/hooks/:hookId')
  @HttpCode(204)
  @RequirePermission('automations:write')
  @ApiNoContentResponse({ description: 'The hook stops accepting deliveries' })
  deleteHook(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Param('hookId') hookId: string) {
    return this.automations.deleteHook(workspace.workspaceId, id, hookId);
  }
}
