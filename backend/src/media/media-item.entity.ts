import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { MediaKind } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';

/** An uploaded file with what probing learned about it; fixes and edits are new items pointing back. */
@Entity('media_items')
@Index('ix_media_items_workspace', ['workspaceId', 'id'])
@Index('ix_media_items_folder', ['workspaceId', 'folderId', 'id'])
@Index('ix_media_items_kind', ['workspaceId', 'kind', 'id'])
export class MediaItem {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_media_items_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 36, nullable: true })
  uploadedById: string | null;

  @Column({ type: String, length: 255 })
  fileName: string;

  @Column({ type: String, length: 20 })
  kind: MediaKind;

  @Column({ type: String, length: 100 })
  mimeType: string;

  @Column({ type: Number })
  bytes: number;

  @Column({ type: Number, nullable: true })
  width: number | null;

  @Column({ type: Number, nullable: true })
  height: number | null;

  /** Milliseconds, an integer so every database stores it the same way. */
  @Column({ type: Number, nullable: true })
  durationMs: number | null;

  @Column({ type: Number, nullable: true })
  pages: number | null;

  @Column({ type: String, length: 255 })
  storageKey: string;

  @Column({ type: String, length: 255, nullable: true })
  thumbnailKey: string | null;

  /** Null: the library's root. No foreign key (see the MediaLibrary migration). */
  @Column({ type: String, length: 36, nullable: true })
  folderId: string | null;

  /** Starred for the whole workspace (a team's shortlist), not per member. */
  @Column({ type: Boolean })
  favourite: boolean;

  /** The original this item was auto-fixed, edited or copied from. */
  @Column({ type: String, length: 36, nullable: true })
  derivedFromId: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
