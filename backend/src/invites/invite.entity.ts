import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

@Entity('invites')
@Index('ix_invites_workspace', ['workspaceId'])
export class Invite {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_invites_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 320 })
  email: string;

  @Column({ type: String, length: 64 })
  role: string;

  /** sha256 of the token in the emailed link. */
  @Index('uq_invites_token_hash', { unique: true })
  @Column({ type: String, length: 64 })
  tokenHash: string;

  /** Kept without a foreign key: the invite's history outlives the inviter's account. */
  @Column({ type: String, length: 36, nullable: true })
  invitedById: string | null;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  acceptedAt: Date | null;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
