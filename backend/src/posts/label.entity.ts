import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

@Entity('labels')
@Index('uq_labels_workspace_name', ['workspaceId', 'name'], { unique: true })
export class Label {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_labels_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 50 })
  name: string;

  @Column({ type: String, length: 7 })
  color: string;

  @CreateDateColumn()
  createdAt: Date;
}
