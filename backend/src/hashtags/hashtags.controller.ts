import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { PageQuery, pageOf, type Page } from '../common/pagination';
import { HashtagGroups } from './hashtag-groups.service';
import { HashtagUses } from './hashtag-uses.service';
import {
  CreateHashtagGroupDto,
  HashtagGroupDto,
  HashtagSuggestionQueryDto,
  HashtagSuggestionsDto,
  UpdateHashtagGroupDto,
} from './hashtags.dto';

@ApiTags('hashtags')
@Controller('api/v1/hashtag-groups')
export class HashtagGroupsController {
  constructor(private readonly groups: HashtagGroups) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: pageOf(HashtagGroupDto) })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PageQuery): Promise<Page<HashtagGroupDto>> {
    return this.groups.list(workspace.workspaceId, query);
  }

  @Post()
  @RequirePermission('posts:write')
  @ApiCreatedResponse({ type: HashtagGroupDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Body() body: CreateHashtagGroupDto,
  ): Promise<HashtagGroupDto> {
    return this.groups.create(workspace.workspaceId, body);
  }

  @Patch(':id')
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: HashtagGroupDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: UpdateHashtagGroupDto,
  ): Promise<HashtagGroupDto> {
    return this.groups.update(workspace.workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('posts:write')
  @ApiNoContentResponse({ description: 'Deleted; posts that used its hashtags keep them' })
  remove(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<void> {
    return this.groups.remove(workspace.workspaceId, id);
  }
}

@ApiTags('hashtags')
@Controller('api/v1/hashtags')
export class HashtagSuggestionsController {
  constructor(private readonly uses: HashtagUses) {}

  /** From the workspace's own posts, ranked by use and recency. */
  @Get('suggestions')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: HashtagSuggestionsDto })
  async suggestions(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Query() query: HashtagSuggestionQueryDto,
  ): Promise<HashtagSuggestionsDto> {
    return { items: await this.uses.suggest(workspace.workspaceId, query) };
  }
}
