import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { mapPage, PageQuery } from '../common/pagination';
import { MailService } from './mail.service';
import type { OutboxEmail } from './outbox-email.entity';

class OutboxEmailDto {
  @ApiProperty() id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['queued', 'sending', 'sent', 'failed', 'logged'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;

  static of(e: OutboxEmail): OutboxEmailDto {
    return {
      id: e.id,
      to: e.to,
      subject: e.subject,
      text: e.text,
      status: e.status,
      createdAt: e.createdAt.toISOString(),
      sentAt: e.sentAt?.toISOString() ?? null,
    };
  }
}

@ApiTags('outbox')
@Controller('api/v1/outbox')
export class OutboxController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @RequirePermission('outbox:read')
  @ApiOkResponse({ type: [OutboxEmailDto] })
  async list(@CurrentWorkspace() workspace: WorkspaceAccess, @Query() query: PageQuery) {
    return mapPage(await this.mail.listForWorkspace(workspace.workspaceId, query), OutboxEmailDto.of);
  }
}
