import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/** A folder of the media library; folders nest (parentId null: at the root). */
@Entity('media_folders')
@Index('ix_media_folders_workspace', ['workspaceId', 'parentId'])
export class MediaFolder {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_media_folders_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 100 })
  name: string;

  /** No foreign key: SQL Server refuses a self-referencing cascade (see the MediaLibrary migration). */
  @Column({ type: String, length: 36, nullable: true })
  parentId: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
