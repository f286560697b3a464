import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../workspaces/workspace.entity';

/** What the workspace's posts using a hashtag gained on a day, and how many such posts went out. */
@Entity('analytics_hashtag_days')
@Index('ix_analytics_hashtag_days_workspace', ['workspaceId', 'day'])
// Covering index of the hashtag table (migration 1767139200000).
@Index('ix_analytics_hashtag_days_table', [
  'workspaceId',
  'day',
  'tag',
  'postsPublished',
  'impressions',
  'reach',
  'clicks',
  'engagement',
])
export class AnalyticsHashtagDay {
  @PrimaryColumn({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_hashtag_days_workspace' })
  workspace?: Workspace;

  @PrimaryColumn({ type: String, length: 100 })
  tag: string;

  @PrimaryColumn({ type: String, length: 10 })
  day: string;

  @Column({ type: Number, nullable: true })
  impressions: number | null;

  @Column({ type: Number, nullable: true })
  reach: number | null;

  @Column({ type: Number, nullable: true })
  clicks: number | null;

  @Column({ type: Number, nullable: true })
  engagement: number | null;

  @Column({ type: Number, default: 0 })
  postsPublished: number;
}
