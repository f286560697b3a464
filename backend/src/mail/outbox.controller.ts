import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentWorkspace, RequirePermission } from '../access/access.decorators';
import type { WorkspaceAccess } from '../access/access-context';
import { mapPage, PageQuery } from '../common/pagination';
import { AttachmentSummary, MailService } from './mail.service';
import type { OutboxEmail } from './outbox-email.entity';

class OutboxAttachmentDto {
  @ApiProperty({ example: 'analytics-report-2026-11.pdf' }) filename: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty() byteSize: number;
}

class OutboxEmailDto {
  @ApiProperty() id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['queued', 'sending', 'sent', 'failed', 'logged'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ type: [OutboxAttachmentDto] }) attachments: OutboxAttachmentDto[];

  static of(e: OutboxEmail, attachments: AttachmentSummary[] = []): OutboxEmailDto {
    return {
      id: e.id,
      to: e.to,
      subject: e.subject,
      text: e.text,
      status: e.status,
      createdAt: e.createdAt.toISOString(),
      sentAt: e.sentAt?.toISOString() ?? null,
      attachments: attachments.map(({ filename, contentType, byteSize }) => ({ filename, contentType, byteSize })),
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
    const page = await this.mail.listForWorkspace(workspace.workspaceId, query);
    const attachments = await this.mail.attachmentsOf(page.items.map((e) => e.id));
    return mapPage(page, (e) => OutboxEmailDto.of(e, attachments.get(e.id)));
  }
}
