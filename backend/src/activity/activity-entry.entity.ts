import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/** An audit record. Actor ids have no foreign key: the log outlives users and keys. */
@Entity('activity_entries')
@Index('ix_activity_entries_workspace', ['workspaceId', 'id'])
export class ActivityEntry {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_activity_entries_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ type: String, length: 36, nullable: true })
  actorApiKeyId: string | null;

  @Column({ type: String, length: 64 })
  action: string;

  @Column({ type: String, length: 32, nullable: true })
  targetType: string | null;

  @Column({ type: String, length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'simple-json' })
  details: Record<string, unknown>;

  @CreateDateColumn()
  createdAt: Date;
}
