import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutboxEmail } from './outbox-email.entity';

/**
 * A file sent with an outbox email (a scheduled report's PDF). The bytes are kept base64-encoded in
 * a text column: portable to every database we run on, written in the same insert as the email,
 * and small (the mail service caps an email's attachments at MAX_ATTACHMENT_BYTES).
 */
@Entity('outbox_attachments')
@Index('ix_outbox_attachments_email', ['emailId', 'position'])
export class OutboxAttachment {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  emailId: string;

  @ManyToOne(() => OutboxEmail, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'emailId', foreignKeyConstraintName: 'fk_outbox_attachments_email' })
  email?: OutboxEmail;

  @Column({ type: Number })
  position: number;

  @Column({ type: String, length: 255 })
  filename: string;

  @Column({ type: String, length: 100 })
  contentType: string;

  @Column({ type: Number })
  byteSize: number;

  @Column({ type: 'text' })
  contentBase64: string;
}
