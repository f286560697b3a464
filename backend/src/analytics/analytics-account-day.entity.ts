import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';
import { MetricColumns } from './metric-columns';

/**
 * An account's day in the workspace's time zone: what its posts gained that day (each metric the
 * sum of the posts' gains, null when no post had a value for it), the posts it published, and its
 * follower figures as read that day.
 */
@Entity('analytics_account_days')
@Index('ix_analytics_account_days_workspace', ['workspaceId', 'day'])
// Covering index of the overview read (migration 1766016000000).
@Index('ix_analytics_account_days_overview', [
  'workspaceId',
  'day',
  'network',
  'accountId',
  'impressions',
  'reach',
  'clicks',
  'engagement',
  'postsPublished',
  'followers',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
])
export class AnalyticsAccountDay extends MetricColumns {
  @PrimaryColumn({ type: String, length: 36 })
  accountId: string;

  @PrimaryColumn({ type: String, length: 10 })
  day: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_account_days_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  @Column({ type: Number, default: 0 })
  postsPublished: number;

  @Column({ type: Number, nullable: true })
  followers: number | null;

  @Column({ type: Number, nullable: true })
  following: number | null;

  @Column({ type: Number, nullable: true })
  posts: number | null;

  @Column({ type: Number, nullable: true })
  profileViews: number | null;
}
