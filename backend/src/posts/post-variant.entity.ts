import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SocialAccount } from '../accounts/social-account.entity';
import type { PostType } from '../connectors/network-limits';
import { Post } from './post.entity';

/**
 * `needs_review`: an attempt was interrupted and the network offers no way to check whether it
 * went out — a person decides, the engine never blindly retries.
 */
/** Network options: thread parts, poll options and duration, a first comment … */
export type VariantOptions = Record<string, string | number | boolean | string[]>;

export const VARIANT_STATES = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'needs_review'] as const;
export type VariantState = (typeof VARIANT_STATES)[number];

/** A post as it goes to one account: its own text, type, media and network options. */
@Entity('post_variants')
@Index('ix_post_variants_post', ['postId'])
@Index('ix_post_variants_due', ['state', 'scheduledAt'])
@Index('ix_post_variants_account', ['accountId', 'scheduledAt'])
@Index('ix_post_variants_calendar', ['workspaceId', 'state', 'scheduledAt', 'id', 'accountId', 'postType'])
export class PostVariant {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  postId: string;

  @ManyToOne(() => Post, (post) => post.variants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId', foreignKeyConstraintName: 'fk_post_variants_post' })
  post?: Post;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  accountId: string;

  @ManyToOne(() => SocialAccount)
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'fk_post_variants_account' })
  account?: SocialAccount;

  /** Null: the post's text. */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: String, length: 20 })
  postType: PostType;

  @Column({ type: String, length: 2048, nullable: true })
  link: string | null;

  @Column({ type: 'simple-json' })
  mediaIds: string[];

  @Column({ type: 'simple-json' })
  options: VariantOptions;

  @Column({ type: String, length: 20 })
  state: VariantState;

  /** The next time this variant goes out (the next occurrence for recurring schedules). */
  @Column({ type: Date, nullable: true })
  scheduledAt: Date | null;

  @Column({ type: Date, nullable: true })
  publishedAt: Date | null;

  @Column({ type: String, length: 255, nullable: true })
  externalId: string | null;

  @Column({ type: String, length: 2048, nullable: true })
  externalUrl: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @UpdateDateColumn()
  updatedAt: Date;
}
