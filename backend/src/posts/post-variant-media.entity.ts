import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PostVariant } from './post-variant.entity';
import { Post } from './post.entity';

/**
 * A media item a variant carries, one row per item: the index behind the library's "used in"
 * and its delete check, which would otherwise read every variant's JSON list. It mirrors
 * `PostVariant.mediaIds` (the order the network gets) and is written in the same transaction.
 * Only the variant key cascades: a second path (from posts or workspaces) is one SQL Server refuses.
 */
@Entity('post_variant_media')
@Index('ix_post_variant_media_media', ['workspaceId', 'mediaId'])
export class PostVariantMedia {
  @PrimaryColumn({ type: String, length: 36 })
  variantId: string;

  @PrimaryColumn({ type: String, length: 36 })
  mediaId: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  postId: string;

  /** Where the item sits in the variant's list (0 first). */
  @Column({ type: Number })
  position: number;

  @ManyToOne(() => PostVariant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'variantId', foreignKeyConstraintName: 'fk_post_variant_media_variant' })
  variant?: PostVariant;

  @ManyToOne(() => Post, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'postId' })
  post?: Post;
}
