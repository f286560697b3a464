import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { RunsService } from './runs.service';

@ApiTags('automations')
@Controller('api/v1/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** A run with every step: node, port, input, output, duration, error. */
  @Get(':runId')
  @RequirePermission('automations:read')
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('runId') runId: string) {
    return this.runs.get(workspace.workspaceId, runId);
  }

  @Post(':runId/rerun')
  @HttpCode(202)
  @RequirePermission('automations:write')
  rerun(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('runId') runId: string) {
    return this.runs.rerun(workspace.workspaceId, runId);
  }
}
