import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { OutboundWebhooks } from './actions/outbound-webhooks';
import { AiSettingsService } from './ai-settings.service';
import { AiSettingsViewDto, SigningSecretDto } from './automations.dto';

export class AiSettingsDto {
  @ApiProperty({
    format: 'uri',
    maxLength: 300,
    description: 'An OpenAI-compatible API (a public address)',
    example: 'https://api.openai.com/v1',
  })
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  @MaxLength(300)
  baseUrl: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'gpt-4o-mini' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  model: string;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Stored sealed; never shown again' })
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(500)
  apiKey: string;
}

/** The workspace's OpenAI-compatible endpoint for the AI caption node. */
@ApiTags('automations')
@Controller('api/v1/automations/ai-settings')
export class AiSettingsController {
  constructor(private readonly settings: AiSettingsService) {}

  @Get()
  @RequirePermission('automations:read')
  @ApiOkResponse({ type: AiSettingsViewDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return this.settings.view(workspace.workspaceId);
  }

  @Put()
  @RequirePermission('workspace:write')
  @ApiOkResponse({ type: AiSettingsViewDto })
  save(@CurrentWorkspace() workspace: WorkspaceAccess, @Body() body: AiSettingsDto) {
    return this.settings.save(workspace.workspaceId, body);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission('workspace:write')
  @ApiNoContentResponse({ description: 'Forgotten; the AI caption node writes offline captions' })
  clear(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return this.settings.clear(workspace.workspaceId);
  }
}

/** The secret receivers of the send-webhook node verify `X-Signature` (over `<X-Timestamp>.<body>`) with. */
@ApiTags('automations')
@Controller('api/v1/automations/webhook-signing-secret')
export class WebhookSecretController {
  constructor(private readonly webhooks: OutboundWebhooks) {}

  @Get()
  @RequirePermission('automations:write')
  @ApiOkResponse({ type: SigningSecretDto })
  get(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return { secret: this.webhooks.signingSecret(workspace.workspaceId) };
  }
}
