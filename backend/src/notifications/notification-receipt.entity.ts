import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per event already told: an event delivered twice (a handler retried, a job run again)
 * tells nobody twice.
 */
@Entity('notification_receipts')
export class NotificationReceipt {
  @PrimaryColumn({ type: String, length: 160 })
  key: string;

  @CreateDateColumn()
  createdAt: Date;
}
