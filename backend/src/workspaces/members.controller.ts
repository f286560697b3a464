import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { pageOf, type Page } from '../common/pagination';
import { ChangeRoleDto, MemberDto } from './members.dto';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('api/v1/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequirePermission('members:read')
  @ApiOkResponse({ type: pageOf(MemberDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<MemberDto>> {
    return { items: await this.members.list(workspace.workspaceId), nextCursor: null };
  }

  @Patch(':userId')
  @RequirePermission('members:write')
  @ApiOkResponse({ type: MemberDto })
  changeRole(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('userId') userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<MemberDto> {
    return this.members.changeRole(workspace, principal, userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @RequirePermission('members:write')
  @ApiNoContentResponse({ description: 'Removed from the workspace; their API keys stop working' })
  async remove(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.members.remove(workspace, principal, userId);
  }
}
