import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/**
 * The hashtags a post uses as last counted, so a later save counts only the difference (and the
 * same save counted twice changes nothing). No key to posts: a deleted post is un-counted by the
 * event that announces it, which must still find these rows.
 */
@Entity('post_hashtags')
export class PostHashtag {
  @PrimaryColumn({ type: String, length: 36 })
  postId: string;

  @PrimaryColumn({ type: String, length: 100 })
  tag: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_post_hashtags_workspace' })
  workspace?: Workspace;
}
