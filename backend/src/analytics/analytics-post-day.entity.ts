import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AnalyticsPost } from './analytics-post.entity';
import { MetricColumns } from './metric-columns';

/**
 * A post's cumulative metrics at the end of a workspace-local day (its newest snapshot of that
 * day): the per-post rollup, and the base a later snapshot's gain is measured from.
 */
@Entity('analytics_post_days')
export class AnalyticsPostDay extends MetricColumns {
  @PrimaryColumn({ type: String, length: 36 })
  analyticsPostId: string;

  @ManyToOne(() => AnalyticsPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'analyticsPostId', foreignKeyConstraintName: 'fk_analytics_post_days_post' })
  post?: AnalyticsPost;

  /** YYYY-MM-DD in the workspace's time zone. */
  @PrimaryColumn({ type: String, length: 10 })
  day: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  accountId: string;

  /** The newest snapshot of that day. */
  @Column({ type: Date })
  takenAt: Date;
}
