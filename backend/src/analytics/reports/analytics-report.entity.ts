import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Workspace } from '../../workspaces/workspace.entity';

/** A generated PDF report; its bytes live in the media blob store under `storageKey`. */
@Entity('analytics_reports')
@Index('ix_analytics_reports_workspace', ['workspaceId', 'id'])
export class AnalyticsReport {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspaceId', foreignKeyConstraintName: 'fk_analytics_reports_workspace' })
  workspace?: Workspace;

  /** First day covered, YYYY-MM-DD in the workspace zone (`from` is an SQL keyword). */
  @Column({ type: String, length: 10 })
  fromDay: string;

  /** Last day covered, included. */
  @Column({ type: String, length: 10 })
  toDay: string;

  /** Account ids the report is limited to; null = all. */
  @Column({ type: 'simple-json', nullable: true })
  accountIds: string[] | null;

  @Column({ type: 'simple-json', nullable: true })
  networks: string[] | null;

  /** The member who asked for it (or who made the schedule that did). */
  @Column({ type: String, length: 36, nullable: true })
  createdBy: string | null;

  /** Set when a schedule made it. */
  @Column({ type: String, length: 36, nullable: true })
  scheduleId: string | null;

  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: Number })
  byteSize: number;

  @Column({ type: String, length: 300 })
  storageKey: string;
}
