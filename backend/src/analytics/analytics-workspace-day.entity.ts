import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';
import { MetricColumns } from './metric-columns';

/**
 * A workspace's day per network, in its time zone: the sums of its accounts' days of that network
 * (gains, posts published, followers), kept by the same increments as the account days so the
 * overview reads a few rows a day instead of one per account.
 */
@Entity('analytics_workspace_days')
// Covering index of the overview read (migration 1767139200000).
@Index('ix_analytics_workspace_days_overview', [
  'workspaceId',
  'day',
  'network',
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
export class AnalyticsWorkspaceDay extends MetricColumns {
  @PrimaryColumn({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_workspace_days_workspace' })
  workspace?: Workspace;

  @PrimaryColumn({ type: String, length: 10 })
  day: string;

  @PrimaryColumn({ type: String, length: 20 })
  network: NetworkId;

  @Column({ type: Number, default: 0 })
  postsPublished: number;

  /** Sum of the figures the accounts read that day (null when none did). */
  @Column({ type: Number, nullable: true })
  followers: number | null;
}
