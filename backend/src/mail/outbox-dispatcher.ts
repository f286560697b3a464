import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createTransport, Transporter } from 'nodemailer';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboxAttachment } from './outbox-attachment.entity';
import { OutboxEmail } from './outbox-email.entity';

const MAX_ATTEMPTS = 5;
const BATCH = 20;

/**
 * Delivers queued outbox rows. Each row is claimed with a conditional update (queued → sending),
 * so several workers never send the same email twice. Without SMTP_URL the row becomes "logged":
 * it stays readable in the app's outbox, which is the embedded default's mailbox.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationShutdown {
  private readonly logger = new Logger('OutboxDispatcher');
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(OutboxEmail) private readonly outbox: Repository<OutboxEmail>,
    @InjectRepository(OutboxAttachment) private readonly attachments: Repository<OutboxAttachment>,
  ) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  start(intervalMs = 2000): void {
    this.timer ??= setInterval(() => void this.drain().catch((e) => this.logger.error(e)), intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delivers what is queued now; returns how many rows it handled. */
  drain(): Promise<number> {
    this.running ??= this.deliverBatch().finally(() => (this.running = null));
    return this.running;
  }

  private async deliverBatch(): Promise<number> {
    const queued = await this.outbox.find({ where: { status: 'queued' }, order: { id: 'ASC' }, take: BATCH });
    let handled = 0;
    for (const email of queued) {
      const claim = await this.outbox.update({ id: email.id, status: 'queued' }, { status: 'sending' });
      if (claim.affected !== 1) continue;
      await this.deliver(email);
      handled++;
    }
    return handled;
  }

  /** The email's files as nodemailer takes them; read only when sending over SMTP. */
  private async attachmentsFor(emailId: string) {
    const rows = await this.attachments.find({ where: { emailId }, order: { position: 'ASC' } });
    return rows.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.contentBase64,
      encoding: 'base64',
    }));
  }

  private async deliver(email: OutboxEmail): Promise<void> {
    if (!this.transport) {
      // Without SMTP the log is the only way to reach personal mail (password resets), so outside
      // production it carries the whole text; in production only the subject.
      const body = this.config.env === 'production' ? '' : `\n${email.text}`;
      this.logger.log(`Email to ${email.to} kept in the outbox (no SMTP_URL): ${email.subject}${body}`);
      await this.outbox.update(email.id, { status: 'logged', attempts: email.attempts + 1, sentAt: new Date() });
      return;
    }
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: email.to,
        subject: email.subject,
        text: email.text,
        attachments: await this.attachmentsFor(email.id),
      });
      await this.outbox.update(email.id, {
        status: 'sent',
        attempts: email.attempts + 1,
        sentAt: new Date(),
        lastError: null,
      });
    } catch (error) {
      const attempts = email.attempts + 1;
      await this.outbox.update(email.id, {
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        attempts,
        lastError: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
