import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { AnalyticsSync } from './analytics-sync.service';

export class MetricsSyncStartedDto {
  @ApiProperty({
    description:
      "Follow it at GET /api/v1/jobs/{job_id}; its result counts the posts read and whether the account's figures were",
  })
  job_id: string;
}

@ApiTags('analytics')
@Controller('api/v1/accounts')
export class AnalyticsSyncController {
  constructor(private readonly sync: AnalyticsSync) {}

  /**
   * "Sync now": reads the account's metrics, figures and listed posts at once. Needs only
   * analytics:read — it changes nothing on the account, only how fresh its analytics are, and the
   * cooldown bounds what it costs the network.
   */
  @Post(':id/metrics-sync')
  @HttpCode(202)
  @RequirePermission('analytics:read')
  @ApiAcceptedResponse({ type: MetricsSyncStartedDto })
  @ApiNotFoundResponse({ description: 'No such account in this workspace' })
  @ApiTooManyRequestsResponse({
    description: 'Synced within the last 15 minutes; Retry-After says when it may be asked again',
    headers: { 'Retry-After': { description: 'Seconds until a sync is accepted', schema: { type: 'integer' } } },
  })
  async start(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<MetricsSyncStartedDto> {
    return { job_id: await this.sync.request(workspace.workspaceId, id) };
  }
}
