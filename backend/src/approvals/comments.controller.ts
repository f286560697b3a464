import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { IdentityService } from '../identity/identity.service';
import { CommentListDto, CommentViewDto } from './approvals.dto';
import { CommentsService } from './comments.service';

export class CommentDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: '@name mentions notify those members' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(4000)
  text: string;
}

@ApiTags('posts')
@Controller('api/v1/posts/:id/comments')
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly identity: IdentityService,
  ) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: CommentListDto })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.comments.list(workspace.workspaceId, id);
  }

  /**
   * `@name` mentions notify those members. Commenting is working on the post: `posts:write`, not
   * the read access Viewers, Clients and read-only keys hold (clients comment through their
   * approval link).
   */
  @Post()
  @RequirePermission('posts:write')
  @ApiCreatedResponse({ type: CommentViewDto })
  async add(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CommentDto,
  ) {
    const user = await this.identity.getUser(principal.userId);
    return this.comments.add(workspace.workspaceId, id, { userId: principal.userId, name: user.name }, body.text);
  }
}
