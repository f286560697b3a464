import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { PostVariant } from '../posts/post-variant.entity';

/**
 * `sending`: claimed and possibly already at the network. A `sending` job whose lease ran out is
 * reconciled (looked up on the network), never blindly sent again.
 */
export const PUBLISH_JOB_STATUSES = ['queued', 'sending', 'published', 'failed', 'needs_review', 'cancelled'] as const;
export type PublishJobStatus = (typeof PUBLISH_JOB_STATUSES)[number];

export interface PublishAttempt {
  at: string;
  durationMs: number;
  outcome: 'published' | 'retry' | 'failed' | 'reauth' | 'reconciled' | 'needs_review' | 'skipped';
  message: string | null;
}

/** One occurrence of one variant going out, with all its attempts. */
@Entity('publish_jobs')
@Index('uq_publish_jobs_occurrence', ['variantId', 'occurrenceAt'], { unique: true })
@Index('ix_publish_jobs_due', ['status', 'dueAt'])
@Index('ix_publish_jobs_claim', ['claimToken'])
@Index('ix_publish_jobs_calendar', ['workspaceId', 'occurrenceAt', 'variantId', 'status', 'accountId'])
@Index('ix_publish_jobs_post', ['postId', 'occurrenceAt', 'id'])
export class PublishJob {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  postId: string;

  @Column({ type: String, length: 36 })
  variantId: string;

  @ManyToOne(() => PostVariant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variantId', foreignKeyConstraintName: 'fk_publish_jobs_variant' })
  variant?: PostVariant;

  @Column({ type: String, length: 36 })
  accountId: string;

  /** The scheduled time this job publishes; with variantId, the job's identity. */
  @Column({ type: Date })
  occurrenceAt: Date;

  /** When the next attempt may start (later than the occurrence after a retryable failure). */
  @Column({ type: Date })
  dueAt: Date;

  @Column({ type: String, length: 20 })
  status: PublishJobStatus;

  @Column({ type: Number })
  attempts: number;

  @Column({ type: String, length: 36, nullable: true })
  claimToken: string | null;

  /** Until when the claiming worker owns a `sending` job. */
  @Column({ type: Date, nullable: true })
  leaseUntil: Date | null;

  @Column({ type: String, length: 40, nullable: true })
  errorCode: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ type: String, length: 255, nullable: true })
  externalId: string | null;

  @Column({ type: 'simple-json' })
  history: PublishAttempt[];

  @Column({ type: Date, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
