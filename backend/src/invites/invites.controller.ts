import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Public, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { AccessError } from '../access/access.errors';
import { pageOf, type Page } from '../common/pagination';
import { WorkspaceDto } from '../workspaces/workspaces.dto';
import { AcceptInviteDto, CreatedInviteDto, CreateInviteDto, InviteDto, InvitePreviewDto } from './invites.dto';
import { InvitesService } from './invites.service';

class AcceptedInviteDto {
  @ApiProperty({ type: WorkspaceDto, description: 'The workspace joined' }) workspace: WorkspaceDto;
}

@ApiTags('invites')
@Controller('api/v1/invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post()
  @RequirePermission('members:write')
  @ApiCreatedResponse({ type: CreatedInviteDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateInviteDto,
  ): Promise<CreatedInviteDto> {
    return this.invites.create(workspace, principal, body.email, body.role);
  }

  @Get()
  @RequirePermission('members:read')
  @ApiOkResponse({ type: pageOf(InviteDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<InviteDto>> {
    return { items: await this.invites.listPending(workspace.workspaceId), nextCursor: null };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('members:write')
  @ApiNoContentResponse({ description: 'Revoked; the link stops working' })
  async revoke(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.invites.revoke(workspace, principal, id);
  }

  @Get('by-token/:token')
  @Public()
  @ApiOkResponse({ type: InvitePreviewDto })
  preview(@Param('token') token: string): Promise<InvitePreviewDto> {
    return this.invites.preview(token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: AcceptedInviteDto })
  async accept(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AcceptInviteDto,
  ): Promise<{ workspace: WorkspaceDto }> {
    if (principal.kind !== 'user') throw new AccessError('API_KEY_NOT_ALLOWED');
    return { workspace: await this.invites.accept(principal, body.token) };
  }
}
