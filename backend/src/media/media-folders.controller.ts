import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { CreateMediaFolderDto, MediaFolderDto, MediaFoldersDto, UpdateMediaFolderDto } from './media-folders.dto';
import { MediaFolders } from './media-folders.service';
import { MediaTagsDto } from './media-library.dto';
import { MediaQueries } from './media-queries.service';

/** The library's folders and tags. */
@ApiTags('media')
@Controller('api/v1')
export class MediaFoldersController {
  constructor(
    private readonly folders: MediaFolders,
    private readonly queries: MediaQueries,
  ) {}

  @Get('media-folders')
  @RequirePermission('media:read')
  @ApiOkResponse({ type: MediaFoldersDto })
  list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<MediaFoldersDto> {
    return this.folders.list(workspace.workspaceId);
  }

  @Post('media-folders')
  @RequirePermission('media:write')
  @ApiCreatedResponse({ type: MediaFolderDto })
  create(@CurrentWorkspace() workspace: WorkspaceAccess, @Body() body: CreateMediaFolderDto): Promise<MediaFolderDto> {
    return this.folders.create(workspace.workspaceId, body);
  }

  @Patch('media-folders/:id')
  @RequirePermission('media:write')
  @ApiOkResponse({ type: MediaFolderDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: UpdateMediaFolderDto,
  ): Promise<MediaFolderDto> {
    return this.folders.update(workspace.workspaceId, id, body);
  }

  @Delete('media-folders/:id')
  @RequirePermission('media:write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Its items are at the root now, its sub-folders in its parent' })
  async remove(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<void> {
    await this.folders.remove(workspace.workspaceId, id);
  }

  @Get('media-tags')
  @RequirePermission('media:read')
  @ApiOkResponse({ type: MediaTagsDto })
  tags(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<MediaTagsDto> {
    return this.queries.tagCounts(workspace.workspaceId);
  }
}
