import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NetworkId, PostType } from '../connectors/network-limits';
import { Workspace } from '../workspaces/workspace.entity';
import { MetricColumns } from './metric-columns';

/** What an engagement rate was divided by: reach, or impressions where the network gives no reach. */
export type RateBasis = 'reach' | 'impressions';

/**
 * One published post whose metrics we collect: ours (id = the variant's id) or one the account
 * published outside the platform (`external`). Holds its latest metrics, so the posts table sorts
 * on indexed columns, and when its metrics are next due (null once collection has finished).
 */
@Entity('analytics_posts')
@Index('uq_analytics_posts_external', ['accountId', 'externalId'], { unique: true })
@Index('ix_analytics_posts_published', ['workspaceId', 'publishedAt', 'id'])
@Index('ix_analytics_posts_engagement', ['workspaceId', 'engagement', 'id'])
@Index('ix_analytics_posts_rate', ['workspaceId', 'engagementRate', 'id'])
@Index('ix_analytics_posts_impressions', ['workspaceId', 'impressions', 'id'])
@Index('ix_analytics_posts_reach', ['workspaceId', 'reach', 'id'])
@Index('ix_analytics_posts_clicks', ['workspaceId', 'clicks', 'id'])
@Index('ix_analytics_posts_account', ['accountId', 'publishedAt'])
@Index('ix_analytics_posts_due', ['nextCollectAt'])
export class AnalyticsPost extends MetricColumns {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_posts_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 36 })
  accountId: string;

  @Column({ type: String, length: 20 })
  network: NetworkId;

  @Column({ type: String, length: 255 })
  externalId: string;

  @Column({ type: String, length: 36, nullable: true })
  postId: string | null;

  @Column({ type: String, length: 36, nullable: true })
  variantId: string | null;

  /** Published outside the platform and imported from the network's list of the account's posts. */
  @Column({ type: Boolean })
  external: boolean;

  /** The member who created the post (ours only). */
  @Column({ type: String, length: 36, nullable: true })
  authorId: string | null;

  @Column({ type: String, length: 20 })
  postType: PostType;

  @Column({ type: String, length: 10, nullable: true })
  mediaKind: 'image' | 'video' | null;

  /** The first 500 characters, for tables and top-post lists. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: String, length: 2048, nullable: true })
  url: string | null;

  @Column({ type: Date })
  publishedAt: Date;

  /** The workspace-local day (YYYY-MM-DD), weekday (1 = Monday … 7 = Sunday) and hour it went out. */
  @Column({ type: String, length: 10 })
  publishedDay: string;

  @Column({ type: Number })
  publishedWeekday: number;

  @Column({ type: Number })
  publishedHour: number;

  @Column({ type: 'simple-json', nullable: true })
  reactionsByType: Record<string, number> | null;

  @Column({ type: 'real', nullable: true })
  engagementRate: number | null;

  @Column({ type: 'real', nullable: true })
  ctr: number | null;

  @Column({ type: String, length: 12, nullable: true })
  rateBasis: RateBasis | null;

  /** When the latest metrics were taken. */
  @Column({ type: Date, nullable: true })
  metricsTakenAt: Date | null;

  /** When its metrics are next due; null once the cadence has run out. */
  @Column({ type: Date, nullable: true })
  nextCollectAt: Date | null;

  /** The cadence step of the next read (an index into COLLECT_OFFSETS_MS; its length once finished). */
  @Column({ type: Number, default: 0 })
  collectStep: number;

  /** Failed reads of the current cadence step in a row (the retry policy's attempt count). */
  @Column({ type: Number, default: 0 })
  collectAttempts: number;

  /** Which collection holds it now, so two workers never collect it twice. */
  @Column({ type: String, length: 36, nullable: true })
  collectClaim: string | null;

  /** Why its metrics cannot be read (the post is gone from the network …). */
  @Column({ type: 'text', nullable: true })
  unavailableReason: string | null;
}
