import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Automation } from '../automation.entity';

/**
 * The health of one `rss-in` node's feed: when it was last checked, what went wrong, how many
 * checks in a row failed and when the next one is due. A feed that breaks creates no run, so
 * without this row the only trace would be a log line.
 */
@Entity('automation_feed_status')
// The automations list counts each workspace's failing feeds.
@Index('ix_automation_feed_status_failing', ['workspaceId', 'failures'])
export class FeedStatus {
  @PrimaryColumn({ type: String, length: 36 })
  automationId: string;

  @PrimaryColumn({ type: String, length: 40 })
  nodeId: string;

  @ManyToOne(() => Automation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'automationId', foreignKeyConstraintName: 'fk_automation_feed_status_automation' })
  automation?: Automation;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  /** The address checked: a node given another one is checked again at once, its failures forgotten. */
  @Column({ type: 'text' })
  feedUrl: string;

  @Column({ type: Date })
  checkedAt: Date;

  /** The last check that read the feed (null: never yet). */
  @Column({ type: Date, nullable: true })
  okAt: Date | null;

  /** Why the last check failed; null when it succeeded. */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** Checks in a row that failed; the retry backs off with it, and 0 → 1 tells the team. */
  @Column({ type: Number, default: 0 })
  failures: number;

  @Column({ type: Date })
  nextCheckAt: Date;

  /** Items the last good check read, and those it skipped, each with its reason. */
  @Column({ type: Number, default: 0 })
  items: number;

  @Column({ type: 'simple-json' })
  skipped: Array<{ item: string; reason: string }>;

  @UpdateDateColumn()
  updatedAt: Date;
}
