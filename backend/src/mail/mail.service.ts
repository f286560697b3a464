import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newId } from '../common/ids';
import { findPage, Page, PageQuery } from '../common/pagination';
import { OutboxEmail } from './outbox-email.entity';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Workspace mail is listed in that workspace's outbox; personal mail (resets) is not. */
  workspaceId?: string;
}

/** Writes email to the outbox; the OutboxDispatcher delivers it. */
@Injectable()
export class MailService {
  constructor(@InjectRepository(OutboxEmail) private readonly outbox: Repository<OutboxEmail>) {}

  async enqueue(message: EmailMessage): Promise<OutboxEmail> {
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
    await this.outbox.insert(email);
    return email;
  }

  listForWorkspace(workspaceId: string, query: PageQuery): Promise<Page<OutboxEmail>> {
    return findPage(this.outbox, { workspaceId }, query);
  }
}
