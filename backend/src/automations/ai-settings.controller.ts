import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { OutboundWebhooks } from './actions/outbound-webhooks';
import { AiSettingsService } from './ai-settings.service';

export class AiSettingsDto {
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  @MaxLength(300)
  baseUrl: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  model: string;

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
  get(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return this.settings.view(workspace.workspaceId);
  }

  @Put()
  @RequirePermission('workspace:write')
  save(@CurrentWorkspace() workspace: WorkspaceAccess, @Body() body: AiSettingsDto) {
    return this.settings.save(workspace.workspaceId, body);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission('workspace:write')
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
  get(@CurrentWorkspace() workspace: WorkspaceAccess) {
    return { secret: this.webhooks.signingSecret(workspace.workspaceId) };
  }
}
