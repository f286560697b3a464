import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { WorkspaceAccess } from '../../access/access-context';
import { ACCOUNT_CSV, csvFile, HASHTAGS_CSV, MEMBERS_CSV, OVERVIEW_CSV, POSTS_CSV } from './analytics-csv';
import { AnalyticsPostsQueryDto, AnalyticsQueryDto, HashtagsQueryDto } from './analytics-query.dto';
import {
  AccountAnalyticsDto,
  AnalyticsPostDetailDto,
  AnalyticsPostPageDto,
  HashtagTableDto,
  MemberTableDto,
  OverviewDto,
  PostVariantsAnalyticsDto,
} from './analytics-reads.dto';
import { AnalyticsReads } from './analytics-reads.service';

const CSV = 'text/csv';

/** Dashboards: every read is one date range of the rollups; `?format=csv` downloads the table. */
@ApiTags('analytics')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly reads: AnalyticsReads) {}

  @Get('overview')
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', CSV)
  @ApiOkResponse({
    type: OverviewDto,
    description: 'KPIs beside the previous period, and a point per day (CSV: the days)',
  })
  async overview(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: AnalyticsQueryDto,
  ): Promise<OverviewDto | StreamableFile> {
    const result = await this.reads.overview(workspace.workspaceId, query);
    return query.format === 'csv' ? csvFile('overview', OVERVIEW_CSV, result.series) : result;
  }

  @Get('posts')
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', CSV)
  @ApiOkResponse({
    type: AnalyticsPostPageDto,
    description: 'Published posts with their latest metrics (CSV: every one, in order)',
  })
  async posts(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: AnalyticsPostsQueryDto,
  ): Promise<AnalyticsPostPageDto | StreamableFile> {
    if (query.format === 'csv')
      return csvFile('posts', POSTS_CSV, await this.reads.allPosts(workspace.workspaceId, query));
    return this.reads.posts(workspace.workspaceId, query);
  }

  /** Every tracked variant of one post, for the post's own page. */
  @Get('posts/by-post/:postId')
  @RequirePermission('analytics:read')
  @ApiOkResponse({ type: PostVariantsAnalyticsDto })
  byPost(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('postId') postId: string,
  ): Promise<PostVariantsAnalyticsDto> {
    return this.reads.postVariants(workspace.workspaceId, postId);
  }

  @Get('posts/:id')
  @RequirePermission('analytics:read')
  @ApiOkResponse({ type: AnalyticsPostDetailDto, description: 'By analytics post id or variant id; metrics over time' })
  post(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<AnalyticsPostDetailDto> {
    return this.reads.post(workspace.workspaceId, id);
  }

  @Get('accounts/:id')
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', CSV)
  @ApiOkResponse({ type: AccountAnalyticsDto, description: 'Growth, engagement, posting frequency and content mix' })
  async account(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Query() query: AnalyticsQueryDto,
  ): Promise<AccountAnalyticsDto | StreamableFile> {
    const result = await this.reads.account(workspace.workspaceId, id, query);
    return query.format === 'csv' ? csvFile('account', ACCOUNT_CSV, result.series) : result;
  }

  @Get('hashtags')
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', CSV)
  @ApiOkResponse({ type: HashtagTableDto })
  async hashtags(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: HashtagsQueryDto,
  ): Promise<HashtagTableDto | StreamableFile> {
    const result = await this.reads.hashtags(workspace.workspaceId, query);
    return query.format === 'csv' ? csvFile('hashtags', HASHTAGS_CSV, result.items) : result;
  }

  @Get('members')
  @RequirePermission('analytics:read')
  @ApiProduces('application/json', CSV)
  @ApiOkResponse({
    type: MemberTableDto,
    description: 'Per author: posts created and published, average engagement rate',
  })
  async members(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: AnalyticsQueryDto,
  ): Promise<MemberTableDto | StreamableFile> {
    const result = await this.reads.memberTable(workspace.workspaceId, query);
    return query.format === 'csv' ? csvFile('members', MEMBERS_CSV, result.items) : result;
  }
}
