import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { PageQuery, pageOf, type Page } from '../common/pagination';
import { CreatePostTemplateDto, PostTemplateDto, UpdatePostTemplateDto } from './post-templates.dto';
import { PostTemplates } from './post-templates.service';

@ApiTags('post-templates')
@Controller('api/v1/post-templates')
export class PostTemplatesController {
  constructor(private readonly templates: PostTemplates) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: pageOf(PostTemplateDto) })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PageQuery): Promise<Page<PostTemplateDto>> {
    return this.templates.list(workspace.workspaceId, query);
  }

  @Post()
  @RequirePermission('posts:write')
  @ApiCreatedResponse({ type: PostTemplateDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Body() body: CreatePostTemplateDto,
  ): Promise<PostTemplateDto> {
    return this.templates.create(workspace.workspaceId, body);
  }

  @Get(':id')
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: PostTemplateDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<PostTemplateDto> {
    return this.templates.get(workspace.workspaceId, id);
  }

  @Patch(':id')
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: PostTemplateDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Body() body: UpdatePostTemplateDto,
  ): Promise<PostTemplateDto> {
    return this.templates.update(workspace.workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('posts:write')
  @ApiNoContentResponse({ description: 'Deleted; posts started from it are not changed' })
  remove(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string): Promise<void> {
    return this.templates.remove(workspace.workspaceId, id);
  }
}
