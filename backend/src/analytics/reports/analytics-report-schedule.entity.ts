import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../../workspaces/workspace.entity';

export const REPORT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/**
 * A report emailed every week or month, at an hour of the workspace zone, covering the last
 * whole week or month. `nextRunAt` is claimed by conditional update so one worker sends each run.
 */
@Entity('analytics_report_schedules')
@Index('ix_analytics_report_schedules_workspace', ['workspaceId', 'id'])
@Index('ix_analytics_report_schedules_due', ['nextRunAt'])
export class AnalyticsReportSchedule {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_report_schedules_workspace' })
  workspace?: Workspace;

  @Column({ type: String, length: 100 })
  name: string;

  @Column({ type: String, length: 10 })
  frequency: ReportFrequency;

  /** 1 = Monday … 7 = Sunday; weekly only. */
  @Column({ type: Number, nullable: true })
  weekday: number | null;

  /** 1–28 (every month has it); monthly only. */
  @Column({ type: Number, nullable: true })
  monthDay: number | null;

  /** 0–23 in the workspace time zone. */
  @Column({ type: Number })
  hour: number;

  /** Members (user ids) the report goes to, at their current address. */
  @Column({ type: 'simple-json' })
  memberIds: string[];

  /** Other addresses it goes to. */
  @Column({ type: 'simple-json' })
  emails: string[];

  @Column({ type: String, length: 36 })
  createdBy: string;

  @CreateDateColumn()
  createdAt: Date;

  /** The next send; null once cancelled. */
  @Column({ type: Date, nullable: true })
  nextRunAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastRunAt: Date | null;

  @Column({ type: Date, nullable: true })
  cancelledAt: Date | null;
}
