import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../../access/access-context';
import { Text } from '../../common/fields';
import { AutomationTemplates } from './automation-templates.service';
import { AutomationViewDto, TemplateListDto } from '../automations.dto';

export class InstantiateTemplateDto {
  @ApiPropertyOptional({ maxLength: 120, description: "The automation's name; the template's title when absent" })
  @IsOptional()
  @Text(120)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Values for the template's inputs, by key (GET /automation-templates)",
    example: { feedUrl: 'https://blog.example/feed.xml', accountIds: ['*'] },
  })
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
  @ApiOkResponse({ type: TemplateListDto })
  list() {
    return this.templates.list();
  }

  @Post(':id/instantiate')
  @RequirePermission('automations:write')
  @ApiCreatedResponse({ type: AutomationViewDto, description: 'A new draft automation; publish it to run it' })
  instantiate(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: InstantiateTemplateDto,
  ) {
    return this.templates.instantiate(workspace.workspaceId, principal, id, body.name, body.inputs ?? {});
  }
}
