import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../../access/access-context';
import { DemoHistory } from './demo-history.service';

class DemoHistoryStartedDto {
  @ApiProperty({
    description:
      'Follow it at GET /api/v1/jobs/{job_id}: progress, then { accounts, posts, skipped, snapshots, competitors }',
  })
  job_id: string;
}

/** "Load 90 days of demo history": past Sandbox posts with their metrics, so the dashboards fill up. */
@ApiTags('analytics')
@Controller('api/v1/analytics/demo-history')
export class DemoHistoryController {
  constructor(private readonly demo: DemoHistory) {}

  /**
   * posts:write, because it writes posts (published ones, as the team's); a workspace without a
   * Sandbox account gets one, which also needs accounts:write.
   */
  @Post()
  @HttpCode(202)
  @RequirePermission('posts:write')
  @ApiAcceptedResponse({ type: DemoHistoryStartedDto })
  async start(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DemoHistoryStartedDto> {
    return { job_id: await this.demo.start(workspace, principal) };
  }
}
