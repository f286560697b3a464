import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { newId } from '../common/ids';
import { findPage, Page, PageQuery } from '../common/pagination';
import { OutboxAttachment } from './outbox-attachment.entity';
import { OutboxEmail } from './outbox-email.entity';

/** The most an email's attachments may weigh together; mail servers commonly refuse beyond ~10 MB encoded. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** An attachment as the outbox lists it (without its bytes). */
export type AttachmentSummary = Pick<OutboxAttachment, 'emailId' | 'filename' | 'contentType' | 'byteSize'>;

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Workspace mail is listed in that workspace's outbox; personal mail (resets) is not. */
  workspaceId?: string;
  attachments?: EmailAttachment[];
}

/** Writes email to the outbox; the OutboxDispatcher delivers it. */
@Injectable()
export class MailService {
  constructor(
    @InjectRepository(OutboxEmail) private readonly outbox: Repository<OutboxEmail>,
    @InjectRepository(OutboxAttachment) private readonly attachments: Repository<OutboxAttachment>,
  ) {}

  /** Queues the email; its attachments are stored with it, in the same transaction. */
  async enqueue(message: EmailMessage): Promise<OutboxEmail> {
    const files = message.attachments ?? [];
    const bytes = files.reduce((sum, f) => sum + f.content.length, 0);
    if (bytes > MAX_ATTACHMENT_BYTES) throw new Error(`attachments of ${bytes} bytes exceed ${MAX_ATTACHMENT_BYTES}`);
    const email = this.outbox.create({
      id: newId(),
      workspaceId: message.workspaceId ?? null,
      to: message.to,
      subject: message.subject,
      text: message.text,
      status: 'queued',
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    if (!files.length) {
      await this.outbox.insert(email);
      return email;
    }
    await this.outbox.manager.transaction(async (tx) => {
      await tx.insert(OutboxEmail, email);
      await tx.insert(
        OutboxAttachment,
        files.map((file, position) => ({
          id: newId(),
          emailId: email.id,
          position,
          filename: file.filename,
          contentType: file.contentType,
          byteSize: file.content.length,
          contentBase64: file.content.toString('base64'),
        })),
      );
    });
    return email;
  }

  /** What is attached to these emails, by email id, in attachment order (no bytes read). */
  async attachmentsOf(emailIds: string[]): Promise<Map<string, AttachmentSummary[]>> {
    const rows = emailIds.length
      ? await this.attachments.find({
          select: { emailId: true, filename: true, contentType: true, byteSize: true, position: true },
          where: { emailId: In(emailIds) },
          order: { emailId: 'ASC', position: 'ASC' },
        })
      : [];
    const out = new Map<string, AttachmentSummary[]>();
    for (const row of rows) out.set(row.emailId, [...(out.get(row.emailId) ?? []), row]);
    return out;
  }

  listForWorkspace(workspaceId: string, query: PageQuery): Promise<Page<OutboxEmail>> {
    return findPage(this.outbox, { workspaceId }, query);
  }
}
