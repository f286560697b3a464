import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NetworkId } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';

/**
 * The posts an account published in one hour of one weekday (workspace time zone) and their
 * latest engagement and rate basis summed, kept current as their metrics change: the heatmap
 * reads 168 rows per account, never the posts.
 */
@Entity('analytics_best_time_cells')
// Covering index of the heatmap read (migration 1766016000000).
@Index('ix_analytics_best_time_cells_heatmap', [
  'workspaceId',
  'weekday',
  'hour',
  'network',
  'accountId',
  'posts',
  'engagementSum',
  'basisSum',
])
export class AnalyticsBestTimeCell {
  @PrimaryColumn({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_best_time_cells_workspace' })
  workspace?: Workspace;

  @PrimaryColumn({ type: String, length: 36 })
  accountId: string;

  /** 1 = Monday … 7 = Sunday. */
  @PrimaryColumn({ type: Number })
  weekday: number;

  /** 0–23. */
  @PrimaryColumn({ type: Number })
  hour: number;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  /** Posts with metrics in this cell. */
  @Column({ type: Number, default: 0 })
  posts: number;

  @Column({ type: Number, default: 0 })
  engagementSum: number;

  /** Reach (impressions where the network gives no reach) of those posts, summed. */
  @Column({ type: Number, default: 0 })
  basisSum: number;
}
