import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../../access/access-context';
import { Text } from '../../common/fields';
import { AutomationTemplates } from './automation-templates.service';

export class InstantiateTemplateDto {
  @IsOptional()
  @Text(120)
  name?: string;

  @IsOptional()
  @IsObject()
  inputs?: Record<string, unknown>;
}

@ApiTags('automations')
@Controller('api/v1/automation-templates')
export class AutomationTemplatesController {
  constructor(private readonly templates: AutomationTemplates) {}

  @Get()
  @RequirePermission('automations:read')
  list() {
    return this.templates.list();
  }

  @Post(':id/instantiate')
  @RequirePermission('automations:write')
  instantiate(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: InstantiateTemplateDto,
  ) {
    return this.templates.instantiate(workspace.workspaceId, principal, id, body.name, body.inputs ?? {});
  }
}
