import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AnalyticsPost } from './analytics-post.entity';

/** A hashtag a tracked post uses (lower-case, without #), for the hashtag table's top posts. */
@Entity('analytics_post_hashtags')
@Index('ix_analytics_post_hashtags_tag', ['workspaceId', 'tag'])
export class AnalyticsPostHashtag {
  @PrimaryColumn({ type: String, length: 36 })
  analyticsPostId: string;

  @ManyToOne(() => AnalyticsPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'analyticsPostId', foreignKeyConstraintName: 'fk_analytics_post_hashtags_post' })
  post?: AnalyticsPost;

  @PrimaryColumn({ type: String, length: 100 })
  tag: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;
}
