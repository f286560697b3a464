import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Subscription } from './subscription.entity';

/**
 * `pending`: waiting for its (next) attempt; `sending`: claimed by a worker until `leaseUntil`;
 * `delivered`: the target answered 2xx; `failed`: refused (4xx), out of attempts, or its
 * subscription was turned off.
 */
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed';

/**
 * One event for one subscription, written before anything is sent: a delivery survives a crash
 * (the sweep finds it again) and an event delivered twice to us is one row (its key is unique).
 */
@Entity('subscription_deliveries')
@Index('ix_subscription_deliveries_subscription', ['subscriptionId', 'id'])
@Index('uq_subscription_deliveries_event', ['subscriptionId', 'eventKey'], { unique: true })
@Index('ix_subscription_deliveries_due', ['status', 'nextAttemptAt'])
export class SubscriptionDelivery {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  subscriptionId: string;

  @ManyToOne(() => Subscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriptionId', foreignKeyConstraintName: 'fk_subscription_deliveries_subscription' })
  subscription?: Subscription;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  /** Names the happening (a publish attempt, an approval): the same event is delivered once. */
  @Column({ type: String, length: 160 })
  eventKey: string;

  /** The JSON body, exactly as signed and sent on every attempt. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: String, length: 20 })
  status: DeliveryStatus;

  @Column({ type: Number, default: 0 })
  attempts: number;

  @Column({ type: Date, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: Date, nullable: true })
  leaseUntil: Date | null;

  /** The target's last HTTP status; null when it could not be reached. */
  @Column({ type: Number, nullable: true })
  responseStatus: number | null;

  /** The start of the target's last answer, or why it could not be reached. */
  @Column({ type: String, length: 500, nullable: true })
  responseExcerpt: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  deliveredAt: Date | null;
}
