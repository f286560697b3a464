import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/**
 * How often and how lately a workspace used a hashtag, kept up to date as posts are saved, so
 * suggestions read a few index rows instead of every post's text. `tag` is the lower-cased key
 * (without #); a prefix search is a range on the primary key.
 */
@Entity('hashtag_uses')
@Index('ix_hashtag_uses_top', ['workspaceId', 'uses', 'lastUsedAt'])
@Index('ix_hashtag_uses_recent', ['workspaceId', 'lastUsedAt'])
export class HashtagUse {
  @PrimaryColumn({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_hashtag_uses_workspace' })
  workspace?: Workspace;

  @PrimaryColumn({ type: String, length: 100 })
  tag: string;

  /** As it was last written (#AutumnMenu), for suggesting it the same way. */
  @Column({ type: String, length: 100 })
  label: string;

  /** Posts that use it now. */
  @Column({ type: Number })
  uses: number;

  @Column({ type: Date })
  lastUsedAt: Date;
}
