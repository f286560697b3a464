import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';

/** A weekly posting time of one account ("Mondays 09:30"), read in the workspace time zone. */
@Entity('queue_slots')
@Index('uq_queue_slots_account_time', ['accountId', 'weekday', 'localTime'], { unique: true })
export class QueueSlot {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  accountId: string;

  @ManyToOne(() => SocialAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'fk_queue_slots_account' })
  account?: SocialAccount;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Column({ type: Number })
  weekday: number;

  /** `HH:mm`. */
  @Column({ type: String, length: 5 })
  localTime: string;

  /** Order among slots at the same time (display only). */
  @Column({ type: Number })
  position: number;
}
