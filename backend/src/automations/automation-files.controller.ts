import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { Principal, WorkspaceAccess } from '../access/access-context';
import { AutomationFileDto, ImportResultDto, VersionDiffDto } from './automation-files.dto';
import { AutomationFiles } from './automation-files.service';
import { AutomationViewDto } from './automations.dto';
import { AutomationsService } from './automations.service';

/** Export, import, duplicate, and the diff a restore is decided on. */
@ApiTags('automations')
@Controller('api/v1/automations')
export class AutomationFilesController {
  constructor(
    private readonly files: AutomationFiles,
    private readonly automations: AutomationsService,
  ) {}

  /** A new draft from an exported file; ids this workspace lacks are taken out and listed in `notices`. */
  @Post('import')
  @RequirePermission('automations:write')
  @ApiCreatedResponse({ type: ImportResultDto })
  importFile(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() body: AutomationFileDto,
  ) {
    return this.files.importFile(workspace.workspaceId, principal, body);
  }

  /** The draft as a file (public graph contract, with its format). */
  @Get(':id/export')
  @RequirePermission('automations:read')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: AutomationFileDto })
  exportOf(@CurrentWorkspace() workspace: WorkspaceAccess, @Param('id') id: string) {
    return this.files.exportOf(workspace.workspaceId, id);
  }

  /** A copy of the draft, unpublished, named "… (copy)". */
  @Post(':id/duplicate')
  @HttpCode(201)
  @RequirePermission('automations:write')
  @ApiCreatedResponse({ type: AutomationViewDto })
  duplicate(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ) {
    return this.files.duplicate(workspace.workspaceId, principal, id);
  }

  /** What restoring the version would change in the draft: steps and connections, by label. */
  @Get(':id/versions/:version/diff')
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: VersionDiffDto })
  diff(
    @CurrentWorkspace() workspace: WorkspaceAccess,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.automations.diff(workspace.workspaceId, id, version);
  }
}
