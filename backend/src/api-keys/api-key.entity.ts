import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../identity/user.entity';
import { Workspace } from '../workspaces/workspace.entity';

@Entity('api_keys')
@Index('ix_api_keys_workspace', ['workspaceId'])
export class ApiKey {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_api_keys_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 36 })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'createdById', foreignKeyConstraintName: 'fk_api_keys_created_by' })
  createdBy?: User;

  @Column({ type: String, length: 100 })
  name: string;

  /** The visible start of the key (`so_` + 12 chars), also its lookup handle. */
  @Index('uq_api_keys_prefix', { unique: true })
  @Column({ type: String, length: 16 })
  prefix: string;

  @Column({ type: String, length: 64 })
  secretHash: string;

  @Column({ type: 'simple-json' })
  scopes: string[];

  @Column({ type: Date, nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
