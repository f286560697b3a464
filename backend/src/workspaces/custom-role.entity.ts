import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from './workspace.entity';

@Entity('custom_roles')
@Index('uq_custom_roles_workspace_name', ['workspaceId', 'name'], { unique: true })
export class CustomRole {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_custom_roles_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 60 })
  name: string;

  @Column({ type: 'simple-json' })
  permissions: string[];

  @CreateDateColumn()
  createdAt: Date;
}
