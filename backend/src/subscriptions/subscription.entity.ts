import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';
import type { SubscriptionEvent } from './subscription-events';

export type SubscriptionStatus = 'active' | 'disabled';

/**
 * A REST hook (Zapier's instant triggers): while it is active, every `event` in the workspace is
 * POSTed to `targetUrl`, signed with the subscription's own secret (sealed at rest).
 */
@Entity('subscriptions')
@Index('ix_subscriptions_workspace', ['workspaceId', 'id'])
@Index('ix_subscriptions_event', ['workspaceId', 'event', 'status'])
export class Subscription {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_subscriptions_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 40 })
  event: SubscriptionEvent;

  @Column({ type: String, length: 2000 })
  targetUrl: string;

  @Column({ type: 'text' })
  secretSealed: string;

  /** Who subscribed (the user behind the API key): told when it is turned off. */
  @Column({ type: String, length: 36 })
  createdById: string;

  @Column({ type: String, length: 20 })
  status: SubscriptionStatus;

  /** Why it was turned off, in words for the page. */
  @Column({ type: String, length: 500, nullable: true })
  disabledReason: string | null;

  /** Attempts that failed since the last success; reset by a success or re-enabling. */
  @Column({ type: Number, default: 0 })
  consecutiveFailures: number;

  /** When the current run of failures began: it is turned off only after failing this long. */
  @Column({ type: Date, nullable: true })
  failingSince: Date | null;

  @Column({ type: Date, nullable: true })
  lastDeliveryAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
