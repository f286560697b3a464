import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IdentityService } from '../identity/identity.service';
import { UserDto } from '../identity/identity.dto';
import { WorkspaceAccessService } from '../workspaces/workspace-access.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { CurrentPrincipal } from './access.decorators';
import type { Principal } from './access-context';
import { MeDto } from './me.dto';

@ApiTags('me')
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly identity: IdentityService,
    private readonly access: WorkspaceAccessService,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** Who the caller is; with a key or an X-Workspace-Id header, also what they may do there. */
  @Get()
  @ApiBearerAuth()
  @ApiHeader({ name: 'X-Workspace-Id', required: false })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentPrincipal() principal: Principal, @Headers('x-workspace-id') header?: string) {
    const user = await this.identity.getUser(principal.userId);
    const workspaceId = principal.apiKey?.workspaceId ?? header;
    const membership = workspaceId ? await this.access.resolve(principal.userId, workspaceId) : null;
    const permissions = membership
      ? membership.permissions.filter((p) => !principal.apiKey || principal.apiKey.scopes.includes(p))
      : [];
    return {
      user: UserDto.of(user),
      authMethod: principal.kind,
      apiKey: principal.apiKey
        ? {
            id: principal.apiKey.id,
            name: principal.apiKey.name,
            prefix: principal.apiKey.prefix,
            scopes: principal.apiKey.scopes,
          }
        : null,
      workspace: membership
        ? {
            id: membership.workspaceId,
            name: await this.workspaces.nameOf(membership.workspaceId),
            role: membership.role,
            roleName: membership.roleName,
            permissions,
          }
        : null,
    };
  }
}
