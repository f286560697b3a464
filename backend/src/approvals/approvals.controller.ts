import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ScheduleInputDto } from '../posts/posts.dto';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { APPROVAL_STATUSES, type ApprovalStatus } from './approval.entity';
import { ApprovalLinkDto, ApprovalRequestedDto, ApprovalViewDto, EditChecksDto } from './approvals.dto';
import { ApprovalsService } from './approvals.service';
import { PageQuery, pageOf } from '../common/pagination';

export class ApprovalsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: APPROVAL_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  state?: ApprovalStatus;
}

export class RequestApprovalDto {
  @ApiProperty({ format: 'uuid', description: 'The post to approve (a draft waits in Pending approval)' })
  @IsUUID('all', { message: 'must be a post id' })
  postId: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A note for the approvers' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  message?: string;

  @ApiPropertyOptional({
    type: ScheduleInputDto,
    description: 'When it goes out once approved (the composer sends the schedule it was composed with)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScheduleInputDto)
  schedule?: ScheduleInputDto;
}

export class VariantEditDto {
  @ApiProperty({ format: 'uuid', description: 'The variant whose text changes (an id from `variants`)' })
  @IsUUID('all', { message: 'must be a variant id' })
  variantId: string;

  @ApiProperty({ maxLength: 10_000, description: 'Its new text, checked against its network as it would be sent' })
  @IsString()
  @MaxLength(10_000)
  text: string;
}

export class EditsDto {
  @ApiProperty({ type: [VariantEditDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1, { message: 'name at least one variant' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VariantEditDto)
  variants: VariantEditDto[];
}

export class ApproveDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'A note for the author' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({
    type: [VariantEditDto],
    maxItems: 50,
    description: 'Texts the approver changed: saved (and logged, before and after) before the post is scheduled',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => VariantEditDto)
  variants?: VariantEditDto[];
}

export class DeclineDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why, so the author can fix it' })
  @IsString()
  @MinLength(1, { message: 'say why, so the author can fix it' })
  @MaxLength(2000)
  reason: string;
}

@ApiTags('approvals')
@Controller('api/v1/approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @RequirePermission('posts:read')
  @ApiOkResponse({ type: pageOf(ApprovalViewDto) })
  list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: ApprovalsQueryDto) {
    return this.approvals.list(workspace.workspaceId, query.state, query);
  }

  /** A member asks the team to approve a post. */
  @Post()
  @RequirePermission('posts:write')
  @ApiCreatedResponse({ type: ApprovalRequestedDto })
  async request(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: RequestApprovalDto,
  ) {
    const approval = await this.approvals.request(workspace.workspaceId, principal, {
      postId: body.postId,
      message: body.message ?? null,
      requestedBy: principal.userId,
      run: null,
      heldSchedule: body.schedule ?? null,
    });
    return { id: approval.id, status: approval.status };
  }

  /** An expiring link for a client without an account. */
  @Post(':id/link')
  @RequirePermission('approvals:write')
  @ApiCreatedResponse({ type: ApprovalLinkDto })
  link(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.approvals.createLink(workspace.workspaceId, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('approvals:write')
  @ApiOkResponse({ type: ApprovalViewDto })
  approve(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ApproveDto,
  ) {
    return this.approvals.decide(workspace.workspaceId, principal, id, {
      outcome: 'approved',
      reason: body.comment ?? null,
      edits: body.variants,
    });
  }

  /** The edited texts measured as their networks count them, and what they break (nothing is saved). */
  @Post(':id/check')
  @HttpCode(200)
  @RequirePermission('approvals:write')
  @ApiOkResponse({ type: EditChecksDto })
  check(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string, @Body() body: EditsDto) {
    return this.approvals.checkEdits(workspace.workspaceId, id, body.variants);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @RequirePermission('approvals:write')
  @ApiOkResponse({ type: ApprovalViewDto })
  decline(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: DeclineDto,
  ) {
    return this.approvals.decide(workspace.workspaceId, principal, id, { outcome: 'declined', reason: body.reason });
  }
}
