import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { RunDetailViewDto, RunViewDto } from './automations.dto';
import { RunStepsQuery } from './runs.dto';
import { RunsService } from './runs.service';
import { TestRuns } from './test-runs.service';

@ApiTags('automations')
@Controller('api/v1/runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly tests: TestRuns,
  ) {}

  /**
   * A run with a page of its steps (node, port, input, output, duration, error), oldest first:
   * `limit` (default 100, at most 500) at a time, the next page by `cursor` = the `nextStepsCursor` given.
   */
  @Get(':runId')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: RunDetailViewDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('runId') runId: string, @Query() query: RunStepsQuery) {
    return this.runs.get(workspace.workspaceId, runId, query);
  }

  @Post(':runId/rerun')
  @HttpCode(202)
  @RequirePermission('automations:write')
  @ApiAcceptedResponse({ type: RunViewDto, description: 'A new run of the same version and input' })
  rerun(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('runId') runId: string) {
    return this.runs.rerun(workspace.workspaceId, runId);
  }

  /** A failed run again from its failed step, with the input that step had, as a new run naming it (`retryOf`). */
  @Post(':runId/retry')
  @HttpCode(202)
  @RequirePermission('automations:write')
  @ApiAcceptedResponse({ type: RunViewDto, description: 'The new run, from the failed step' })
  retry(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('runId') runId: string) {
    return this.tests.retryFromFailedStep(workspace.workspaceId, runId);
  }
}
