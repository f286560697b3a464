import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { COMPETITOR_CSV, COMPETITORS_CSV, csvFile } from './analytics-csv';
import { AnalyticsQueryDto } from './analytics-query.dto';
import { AddCompetitorDto, CompetitorDetailDto, CompetitorTableDto } from './analytics-reads.dto';
import { AnalyticsReads } from './analytics-reads.service';
import { Competitors } from './competitors';

/** Public accounts tracked daily, compared with the workspace's own. */
@ApiTags('analytics')
@Controller('api/v1/analytics/competitors')
export class AnalyticsCompetitorsController {
  constructor(
    private readonly reads: AnalyticsReads,
    private readonly competitors: Competitors,
  ) {}

  @Get()
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CompetitorTableDto })
  async list(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: AnalyticsQueryDto,
  ): Promise<CompetitorTableDto | StreamableFile> {
    const result = await this.reads.competitorTable(workspace.workspaceId, query);
    return query.format === 'csv' ? csvFile('competitors', COMPETITORS_CSV, [...result.items, ...result.own]) : result;
  }

  /** Looks the handle up on the network (through one of the workspace's accounts there) and starts tracking it. */
  @Post()
  @RequirePermission('accounts:write')
  @ApiCreatedResponse({ type: CompetitorDetailDto })
  async add(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Body() body: AddCompetitorDto,
  ): Promise<CompetitorDetailDto> {
    const competitor = await this.competitors.add(workspace.workspaceId, body.network, body.handle);
    return this.reads.competitor(workspace.workspaceId, competitor.id, {});
  }

  @Get(':id')
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CompetitorDetailDto })
  async detail(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Query() query: AnalyticsQueryDto,
  ): Promise<CompetitorDetailDto | StreamableFile> {
    const result = await this.reads.competitor(workspace.workspaceId, id, query);
    return query.format === 'csv' ? csvFile('competitor', COMPETITOR_CSV, result.series) : result;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('accounts:write')
  @ApiNoContentResponse({ description: 'No longer tracked; its history is deleted' })
  remove(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<void> {
    return this.competitors.remove(workspace.workspaceId, id);
  }
}
