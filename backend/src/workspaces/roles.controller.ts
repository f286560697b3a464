import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, Public, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { PERMISSIONS } from '../access/permissions';
import { pageOf, type Page } from '../common/pagination';
import { CreateRoleDto, RoleDto } from './members.dto';
import { RolesService } from './roles.service';

class PermissionInfoDto {
  @ApiProperty({ example: 'posts:write' }) name: string;
  @ApiProperty() description: string;
}

@ApiTags('roles')
@Controller('api/v1')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get('roles')
  @RequirePermission('members:read')
  @ApiOkResponse({ type: pageOf(RoleDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<RoleDto>> {
    return { items: await this.roles.list(workspace.workspaceId), nextCursor: null };
  }

  @Post('roles')
  @RequirePermission('roles:write')
  @ApiCreatedResponse({ type: RoleDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateRoleDto,
  ): Promise<RoleDto> {
    return this.roles.create(workspace, principal, body.name, body.permissions);
  }

  @Delete('roles/:id')
  @HttpCode(204)
  @RequirePermission('roles:write')
  @ApiNoContentResponse({ description: 'Deleted' })
  async delete(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.roles.delete(workspace.workspaceId, principal, id);
  }

  /** The permission catalogue roles and API key scopes are built from. */
  @Get('permissions')
  @Public()
  @ApiOkResponse({ type: pageOf(PermissionInfoDto) })
  listPermissions(): Page<{ name: string; description: string }> {
    return {
      items: Object.entries(PERMISSIONS).map(([name, description]) => ({ name, description })),
      nextCursor: null,
    };
  }
}
