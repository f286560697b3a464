import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Post } from '../posts/post.entity';

export type ScheduleType = 'single' | 'queue' | 'best-time' | 'recurring' | 'evergreen';

/** Evergreen recycling: repost every `intervalDays` until `maxRepeats` or `endAt`. */
export interface EvergreenRule {
  intervalDays: number;
  maxRepeats: number | null;
  endAt: string | null;
  /** Skip an occurrence when the same text went out on the account within this many days. */
  skipIfPublishedWithinDays: number | null;
}

/** When a post goes out. The next due time of each variant lives on the variant. */
@Entity('schedules')
@Index('uq_schedules_post', ['postId'], { unique: true })
@Index('ix_schedules_workspace_type', ['workspaceId', 'type'])
export class Schedule {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  postId: string;

  @ManyToOne(() => Post, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postId', foreignKeyConstraintName: 'fk_schedules_post' })
  post?: Post;

  /** The post's, so the calendar finds a workspace's repeating schedules by index. */
  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 20 })
  type: ScheduleType;

  /** IANA zone the rule is read in (the workspace's unless the post says otherwise). */
  @Column({ type: String, length: 64 })
  timeZone: string;

  /** First (or only) time, as the person chose it. */
  @Column({ type: Date, nullable: true })
  startAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rrule: string | null;

  @Column({ type: 'simple-json', nullable: true })
  evergreen: EvergreenRule | null;

  /** Occurrences handed to the publisher so far (evergreen's repeat count). */
  @Column({ type: Number })
  occurrences: number;

  @CreateDateColumn()
  createdAt: Date;
}
