import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AnalyticsPost } from './analytics-post.entity';
import { MetricColumns } from './metric-columns';

/**
 * A post's metrics as read at one moment, kept raw (for its metrics-over-time chart) until the
 * retention period ends; the day rollups keep what the dashboards need for good.
 */
@Entity('post_metric_snapshots')
@Index('ix_post_metric_snapshots_post', ['analyticsPostId', 'takenAt'])
@Index('ix_post_metric_snapshots_taken', ['takenAt'])
export class PostMetricSnapshot extends MetricColumns {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  analyticsPostId: string;

  @ManyToOne(() => AnalyticsPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'analyticsPostId', foreignKeyConstraintName: 'fk_post_metric_snapshots_post' })
  post?: AnalyticsPost;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: Date })
  takenAt: Date;

  @Column({ type: 'simple-json', nullable: true })
  reactionsByType: Record<string, number> | null;
}
