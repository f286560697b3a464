import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { pageOf, type Page } from '../common/pagination';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @RequirePermission('api-keys:write')
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  create(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(workspace, principal, body.name, body.scopes);
  }

  @Get()
  @RequirePermission('api-keys:read')
  @ApiOkResponse({ type: pageOf(ApiKeyDto) })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<Page<ApiKeyDto>> {
    return { items: await this.apiKeys.list(workspace.workspaceId), nextCursor: null };
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('api-keys:write')
  @ApiNoContentResponse({ description: 'Revoked at once' })
  async revoke(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<void> {
    await this.apiKeys.revoke(workspace.workspaceId, principal, id);
  }
}
