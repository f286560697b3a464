import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../../access/access-context';
import { pageOf, PageQuery } from '../../common/pagination';
import { CreateReportScheduleDto, ReportScheduleDto, UpdateReportScheduleDto } from './report-schedules.dto';
import { ReportSchedulesService } from './report-schedules.service';
import { CreateReportDto, ReportDto, ReportStartedDto } from './reports.dto';
import { ReportsService } from './reports.service';

/**
 * PDF reports and their schedules. Reading and generating reports needs analytics:read; a
 * schedule mails the workspace's figures on its own, possibly outside the team, so creating,
 * changing and cancelling one needs workspace:write (owners and admins), as other workspace settings do.
 */
@ApiTags('analytics')
@Controller('api/v1/analytics/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly schedules: ReportSchedulesService,
  ) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('analytics:read')
  @ApiAcceptedResponse({ type: ReportStartedDto })
  async create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateReportDto,
  ): Promise<ReportStartedDto> {
    return { job_id: await this.reports.request(workspace.workspaceId, principal.userId, body) };
  }

  @Get()
  @RequirePermission('analytics:read')
  @ApiOkResponse({ type: pageOf(ReportDto) })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PageQuery) {
    return this.reports.list(workspace.workspaceId, query);
  }

  @Get('schedules')
  @RequirePermission('analytics:read')
  @ApiOkResponse({ type: pageOf(ReportScheduleDto) })
  listSchedules(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PageQuery) {
    return this.schedules.list(workspace.workspaceId, query);
  }

  @Post('schedules')
  @RequirePermission('workspace:write')
  @ApiCreatedResponse({ type: ReportScheduleDto })
  createSchedule(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateReportScheduleDto,
  ): Promise<ReportScheduleDto> {
    return this.schedules.create(workspace.workspaceId, principal.userId, body);
  }

  @Patch('schedules/:id')
  @RequirePermission('workspace:write')
  @ApiOkResponse({ type: ReportScheduleDto })
  updateSchedule(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: UpdateReportScheduleDto,
  ): Promise<ReportScheduleDto> {
    return this.schedules.update(workspace.workspaceId, id, body);
  }

  @Delete('schedules/:id')
  @HttpCode(204)
  @RequirePermission('workspace:write')
  @ApiNoContentResponse({ description: 'Cancelled: listed with cancelledAt, never sent again' })
  async cancelSchedule(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<void> {
    await this.schedules.cancel(workspace.workspaceId, id);
  }

  @Get(':id/pdf')
  @RequirePermission('analytics:read')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The report as a PDF download' })
  async pdf(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<StreamableFile> {
    const file = await this.reports.file(workspace.workspaceId, id);
    return new StreamableFile(file.body, {
      type: 'application/pdf',
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.byteSize,
    });
  }
}
