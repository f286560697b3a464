import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { BEST_TIMES_CSV, csvFile } from './analytics-csv';
import { BestTimesQueryDto } from './analytics-query.dto';
import { BestTimesDto, BestTimesToQueueDto, QueueSlotsResultDto } from './analytics-reads.dto';
import { AnalyticsReads } from './analytics-reads.service';

@ApiTags('analytics')
@Controller('api/v1/analytics/best-times')
export class AnalyticsBestTimesController {
  constructor(private readonly reads: AnalyticsReads) {}

  /** 7 × 24 engagement-rate heatmap in the workspace time zone, per account, network or workspace. */
  @Get()
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BestTimesDto })
  async heatmap(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: BestTimesQueryDto,
  ): Promise<BestTimesDto | StreamableFile> {
    const result = await this.reads.bestTimeMap(workspace.workspaceId, query);
    return query.format === 'csv' ? csvFile('best-times', BEST_TIMES_CSV, result.cells) : result;
  }

  /** Replaces the account's queue slots with its best times; 409 while its history is too thin. */
  @Post('queue-slots')
  @HttpCode(200)
  @RequirePermission('accounts:write')
  @ApiOkResponse({ type: QueueSlotsResultDto })
  toQueueSlots(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Body() body: BestTimesToQueueDto,
  ): Promise<QueueSlotsResultDto> {
    return this.reads.bestTimesToQueue(workspace.workspaceId, body.accountId, body.count);
  }
}
