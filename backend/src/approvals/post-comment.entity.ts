import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Post } from '../posts/post.entity';

/** A comment on a post, by a member or by a client through an approval link. */
@Entity('post_comments')
@Index('ix_post_comments_post', ['postId', 'createdAt'])
export class PostComment {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  postId: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId', foreignKeyConstraintName: 'fk_post_comments_post' })
  post?: Post;

  /** The member who wrote it; null for a client writing through an approval link. */
  @Column({ type: String, length: 36, nullable: true })
  authorUserId: string | null;

  @Column({ type: String, length: 100 })
  authorName: string;

  @Column({ type: 'text' })
  text: string;

  /** Members @mentioned in the text (they were notified). */
  @Column({ type: 'simple-json' })
  mentions: string[];

  @CreateDateColumn()
  createdAt: Date;
}
