import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { type Page, pageOf } from '../common/pagination';
import { aspectRatios, AspectRatiosDto } from './aspect-ratios';
import { MediaItemDto } from './media.dto';
import { MediaCopies } from './media-copies.service';
import { MediaCuration } from './media-curation.service';
import { EditMediaDto } from './media-edit.dto';
import { MediaEdits } from './media-edits.service';
import {
  CopyMediaDto,
  DeleteMediaQueryDto,
  MediaDetailDto,
  MediaInUseProblemDto,
  MediaListQueryDto,
  UpdateMediaDto,
} from './media-library.dto';
import { MediaQueries } from './media-queries.service';

/** The media library page: the grid and its filters, an item's detail, organising, editing, copying. */
@ApiTags('media')
@Controller('api/v1/media')
export class MediaLibraryController {
  constructor(
    private readonly queries: MediaQueries,
    private readonly curation: MediaCuration,
    private readonly edits: MediaEdits,
    private readonly copies: MediaCopies,
  ) {}

  @Get()
  @RequirePermission('media:read')
  @ApiOkResponse({ type: pageOf(MediaItemDto), description: 'Newest first' })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: MediaListQueryDto): Promise<Page<MediaItemDto>> {
    return this.queries.list(workspace.workspaceId, query);
  }

  /** The crops the editor offers, and which of them each network's image rule accepts. */
  @Get('aspect-ratios')
  @RequirePermission('media:read')
  @ApiOkResponse({ type: AspectRatiosDto })
  aspectRatios(): AspectRatiosDto {
    return aspectRatios();
  }

  @Get(':id')
  @RequirePermission('media:read')
  @ApiOkResponse({ type: MediaDetailDto, description: 'The item and the posts that use it' })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<MediaDetailDto> {
    return this.queries.detail(workspace.workspaceId, id);
  }

  @Patch(':id')
  @RequirePermission('media:write')
  @ApiOkResponse({ type: MediaItemDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: UpdateMediaDto,
  ): Promise<MediaItemDto> {
    return this.curation.update(workspace.workspaceId, id, body);
  }

  @Delete(':id')
  @RequirePermission('media:write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The item and its files are gone' })
  @ApiConflictResponse({
    type: MediaInUseProblemDto,
    description: 'MEDIA_IN_USE (scheduled or pending posts use it) or MEDIA_USED_BY_DRAFTS (send confirm=true)',
  })
  async remove(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Query() query: DeleteMediaQueryDto,
  ): Promise<void> {
    await this.curation.remove(workspace.workspaceId, id, query);
  }

  /** Crop, resize, rotate, watermark: a new item derived from this one, which is kept. */
  @Post(':id/edit')
  @RequirePermission('media:write')
  @ApiCreatedResponse({ type: MediaItemDto })
  edit(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: EditMediaDto,
  ): Promise<MediaItemDto> {
    return this.edits.edit(workspace.workspaceId, principal.userId, id, body);
  }

  /** Into another workspace of the caller's, where they may upload (a copy: see MediaCopies). */
  @Post(':id/copy')
  @RequirePermission('media:read')
  @ApiCreatedResponse({ type: MediaItemDto, description: 'The copy, in the target workspace' })
  copy(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CopyMediaDto,
  ): Promise<MediaItemDto> {
    return this.copies.copy(workspace.workspaceId, principal, id, body.workspaceId);
  }
}
