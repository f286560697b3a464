import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { AiCaptionDto, AiCaptionRequestDto, AiTestResultDto } from './ai-assist.dto';
import { AiAssist } from './ai-assist.service';

/** The composer's AI assist, through the caption writer the AI caption node uses. */
@ApiTags('ai')
@Controller('api/v1/ai')
export class AiAssistController {
  constructor(private readonly assist: AiAssist) {}

  @Post('caption')
  @HttpCode(200)
  @RequirePermission('posts:write')
  @ApiOkResponse({ type: AiCaptionDto })
  caption(@CurrentWorkspace() workspace: WorkspaceAccess, @Body() body: AiCaptionRequestDto): Promise<AiCaptionDto> {
    return this.assist.caption(workspace.workspaceId, body);
  }
}

/** Tries the saved provider (the AI settings screen's Test button). */
@ApiTags('automations')
@Controller('api/v1/automations/ai-settings/test')
export class AiSettingsTestController {
  constructor(private readonly assist: AiAssist) {}

  @Post()
  @HttpCode(200)
  @RequirePermission('workspace:write')
  @ApiOkResponse({ type: AiTestResultDto })
  test(@CurrentWorkspace() workspace: WorkspaceAccess): Promise<AiTestResultDto> {
    return this.assist.test(workspace.workspaceId);
  }
}
