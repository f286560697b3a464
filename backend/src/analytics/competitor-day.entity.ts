import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PostType } from '../connectors/network-limits';
import { Competitor } from './competitor.entity';

/** A competitor's public figures as read on a workspace-local day, and its posts of that day. */
@Entity('analytics_competitor_days')
export class CompetitorDay {
  @PrimaryColumn({ type: String, length: 36 })
  competitorId: string;

  @ManyToOne(() => Competitor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'competitorId', foreignKeyConstraintName: 'fk_analytics_competitor_days_competitor' })
  competitor?: Competitor;

  @PrimaryColumn({ type: String, length: 10 })
  day: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: Number, nullable: true })
  followers: number | null;

  @Column({ type: Number, nullable: true })
  following: number | null;

  @Column({ type: Number, nullable: true })
  posts: number | null;

  @Column({ type: Number, default: 0 })
  postsPublished: number;

  @Column({ type: Number, nullable: true })
  engagement: number | null;

  @Column({ type: Number, nullable: true })
  impressions: number | null;

  @Column({ type: 'real', nullable: true })
  engagementRate: number | null;

  /** Posts of that day by type. */
  @Column({ type: 'simple-json', nullable: true })
  mix: Partial<Record<PostType, number>> | null;
}
