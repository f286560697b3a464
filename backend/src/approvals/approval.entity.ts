import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Post } from '../posts/post.entity';
import type { ScheduleInputDto } from '../posts/posts.dto';

/** `withdrawn`: the post was moved out of "Pending approval" on the board before anyone decided. */
export const APPROVAL_STATUSES = ['pending', 'approved', 'declined', 'expired', 'withdrawn'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A request for a person to approve a post; an automation run may be waiting on it. */
@Entity('approvals')
@Index('ix_approvals_workspace_status', ['workspaceId', 'status', 'id'])
// A page of posts reads each one's latest request (post.approval), newest first.
@Index('ix_approvals_post', ['postId', 'createdAt', 'id'])
export class Approval {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  postId: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId', foreignKeyConstraintName: 'fk_approvals_post' })
  post?: Post;

  @Column({ type: String, length: 20 })
  status: ApprovalStatus;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** Who asked: a member, or an automation run (with the node that waits). */
  @Column({ type: String, length: 36, nullable: true })
  requestedBy: string | null;

  @Column({ type: String, length: 36, nullable: true })
  runId: string | null;

  @Column({ type: String, length: 40, nullable: true })
  nodeId: string | null;

  @Column({ type: String, length: 36, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  /** The schedule the post was composed with, held until approval applies it (null: none held). */
  @Column({ type: 'simple-json', nullable: true })
  heldSchedule: ScheduleInputDto | null;

  @CreateDateColumn()
  createdAt: Date;
}
