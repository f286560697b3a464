import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'logged';

/**
 * Every email the platform sends is written here first (transactional outbox), then delivered
 * by the worker: over SMTP when configured, otherwise kept as "logged" and shown in the app.
 */
@Entity('outbox_emails')
@Index('ix_outbox_emails_status', ['status'])
@Index('ix_outbox_emails_workspace', ['workspaceId', 'id'])
export class OutboxEmail {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  /** Set for workspace mail (invites); null for personal mail such as password resets. */
  @Column({ type: String, length: 36, nullable: true })
  workspaceId: string | null;

  @Column({ type: String, length: 320 })
  to: string;

  @Column({ type: String, length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: String, length: 16 })
  status: OutboxStatus;

  @Column({ type: Number, default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  sentAt: Date | null;
}
