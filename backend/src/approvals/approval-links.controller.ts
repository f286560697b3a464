import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Public } from '../access/access.decorators';
import { ApprovalLinkViewDto, ApprovalViewDto, CommentViewDto } from './approvals.dto';
import { ApprovalsService } from './approvals.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { CommentsService } from './comments.service';

export class ClientDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Who the client is', example: 'Cleo Client' })
  @IsString()
  @MinLength(1, { message: 'tell us who you are' })
  @MaxLength(100)
  name: string;
}

export class ClientDecisionDto extends ClientDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why (declining), or a note' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ClientCommentDto extends ClientDto {
  @ApiProperty({ minLength: 1, maxLength: 4000 })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(4000)
  text: string;
}

/**
 * What a client sees through an approval link, with no account: the post as each account will
 * show it, the comments, and approve / decline / comment. The link's token is the only key.
 */
@ApiTags('approvals')
@Controller('api/v1/approval-links/:token')
export class ApprovalLinksController {
  constructor(
    private readonly approvals: ApprovalsService,
    private readonly comments: CommentsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: ApprovalLinkViewDto })
  async get(@Param('token') token: string) {
    const approval = await this.approvals.byLink(token);
    const [view, comments, workspace] = await Promise.all([
      this.approvals.viewOf(approval),
      this.comments.list(approval.workspaceId, approval.postId),
      this.workspaces.faceOf(approval.workspaceId),
    ]);
    // The client sees whose post it is: the workspace's name, logo and colours.
    return { ...view, comments: comments.items, workspace };
  }

  @Post('approve')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalViewDto })
  async approve(@Param('token') token: string, @Body() body: ClientDecisionDto) {
    const approval = await this.approvals.byLink(token);
    return this.approvals.decide(approval.workspaceId, null, approval.id, {
      outcome: 'approved',
      reason: body.reason ?? null,
      clientName: body.name,
    });
  }

  @Post('decline')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalViewDto })
  async decline(@Param('token') token: string, @Body() body: ClientDecisionDto) {
    const approval = await this.approvals.byLink(token);
    return this.approvals.decide(approval.workspaceId, null, approval.id, {
      outcome: 'declined',
      reason: body.reason ?? null,
      clientName: body.name,
    });
  }

  @Post('comments')
  @Public()
  @ApiCreatedResponse({ type: CommentViewDto })
  async comment(@Param('token') token: string, @Body() body: ClientCommentDto) {
    const approval = await this.approvals.byLink(token);
    return this.comments.add(approval.workspaceId, approval.postId, { userId: null, name: body.name }, body.text);
  }
}
