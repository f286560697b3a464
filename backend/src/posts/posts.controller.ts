import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { pageOf, type Page } from '../common/pagination';
import {
  VariantPreviewDto,
  CreatePostDto,
  MovePostDto,
  PostDto,
  PostListQueryDto,
  RescheduleDto,
  UpdatePostDto,
} from './posts.dto';
import { PostsService } from './posts.service';

@ApiTags('posts')
@Controller('api/v1/posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Post()
  @RequirePermission('posts:write')
  @ApiCreatedResponse({ type: PostDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreatePostDto,
  ): Promise<PostDto> {
    return this.posts.create(workspace.workspaceId, principal, body);
  }

  @Post('preview')
  @HttpCode(200)
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: [VariantPreviewDto] })
  async preview(@CurrentWorkspace() workspace: WorkspaceAccess, @Body() body: CreatePostDto) {
    return { variants: await this.posts.preview(workspace.workspaceId, body) };
  }

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: pageOf(PostDto) })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PostListQueryDto): Promise<Page<PostDto>> {
    return this.posts.list(workspace.workspaceId, query);
  }

  @Get(':id')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: PostDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<PostDto> {
    return this.posts.get(workspace.workspaceId, id);
  }

  @Patch(':id')
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: PostDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdatePostDto,
  ): Promise<PostDto> {
    return this.posts.update(workspace.workspaceId, principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @RequirePermission('posts:write')
  async remove(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.posts.remove(workspace.workspaceId, principal, id);
  }

  @Post(':id/duplicate')
  @RequirePermission('posts:write')
  @ApiCreatedResponse({ type: PostDto })
  duplicate(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<PostDto> {
    return this.posts.duplicate(workspace.workspaceId, principal, id);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: PostDto })
  reschedule(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: RescheduleDto,
  ): Promise<PostDto> {
    return this.posts.reschedule(workspace.workspaceId, principal, id, body.schedule);
  }

  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: PostDto })
  move(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: MovePostDto,
  ): Promise<PostDto> {
    return this.posts.move(workspace.workspaceId, principal, id, body.to);
  }
}
