import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Workspace } from './workspace.entity';

@Entity('memberships')
@Index('uq_memberships_workspace_user', ['workspaceId', 'userId'], { unique: true })
export class Membership {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_memberships_workspace' })
  workspace?: Workspace;

  @Index('ix_memberships_user')
  @Column({ type: String, length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId', foreignKeyConstraintName: 'fk_memberships_user' })
  user?: User;

  /** A built-in role key (owner, admin, …) or a custom role's id. */
  @Column({ type: String, length: 64 })
  role: string;

  @CreateDateColumn()
  createdAt: Date;
}
