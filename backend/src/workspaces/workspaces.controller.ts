import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequireWorkspacePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { AccessError } from '../access/access.errors';
import type { Page } from '../common/pagination';
import { CreateWorkspaceDto, UpdateWorkspaceDto, WorkspaceDto } from './workspaces.dto';
import { WorkspaceAccessService } from './workspace-access.service';
import { WorkspacesService } from './workspaces.service';

@ApiTags('workspaces')
@Controller('api/v1/workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly access: WorkspaceAccessService,
  ) {}

  @Post()
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: WorkspaceDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateWorkspaceDto): Promise<WorkspaceDto> {
    if (principal.kind !== 'user') throw new AccessError('API_KEY_NOT_ALLOWED');
    return this.workspaces.create(principal, body);
  }

  /** A user's workspaces; an API key sees only its own workspace. */
  @Get()
  @ApiBearerAuth()
  @ApiOkResponse({ type: [WorkspaceDto] })
  async list(@CurrentPrincipal() principal: Principal): Promise<Page<WorkspaceDto>> {
    const all = await this.workspaces.listForUser(principal.userId);
    const items = principal.apiKey ? await this.scopedToKey(all, principal) : all;
    return { items, nextCursor: null };
  }

  @Get(':id')
  @RequireWorkspacePermission('workspace:read')
  @ApiOkResponse({ type: WorkspaceDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<WorkspaceDto> {
    return this.workspaces.get(workspace);
  }

  @Patch(':id')
  @RequireWorkspacePermission('workspace:write')
  @ApiOkResponse({ type: WorkspaceDto })
  update(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateWorkspaceDto,
  ): Promise<WorkspaceDto> {
    return this.workspaces.update(workspace, principal, body);
  }

  private async scopedToKey(all: WorkspaceDto[], principal: Principal): Promise<WorkspaceDto[]> {
    const key = principal.apiKey!;
    const own = all.find((w) => w.id === key.workspaceId);
    const access = own ? await this.access.resolve(principal.userId, own.id) : null;
    if (!own || !access) return [];
    const permissions = access.permissions.filter((p) => key.scopes.includes(p));
    return [{ ...own, permissions }];
  }
}
