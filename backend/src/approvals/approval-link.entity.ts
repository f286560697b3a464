import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Approval } from './approval.entity';

/** An expiring link a client opens without an account; only the token's hash is stored. */
@Entity('approval_links')
@Index('ix_approval_links_approval', ['approvalId'])
export class ApprovalLink {
  @PrimaryColumn({ type: String, length: 64 })
  tokenHash: string;

  @Column({ type: String, length: 36 })
  approvalId: string;

  @ManyToOne(() => Approval, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'approvalId', foreignKeyConstraintName: 'fk_approval_links_approval' })
  approval?: Approval;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: Date })
  expiresAt: Date;

  @CreateDateColumn()
  createdAt: Date;
}
