import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RunStatus } from '@socialorchestrator/rule-nodes';
import { Automation } from './automation.entity';
import type { Graph } from './graph';

export type { RunStatus } from '@socialorchestrator/rule-nodes';

/** One event going through one version of an automation. */
@Entity('automation_runs')
@Index('ix_automation_runs_automation', ['automationId', 'id'])
@Index('ix_automation_runs_status', ['status'])
// Runs searched by status, newest first a page at a time (dates are id bounds: ids are time-ordered).
@Index('ix_automation_runs_automation_status', ['automationId', 'status', 'id'])
export class Run {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  workspaceId: string;

  @Column({ type: String, length: 36 })
  automationId: string;

  @ManyToOne(() => Automation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'automationId', foreignKeyConstraintName: 'fk_automation_runs_automation' })
  automation?: Automation;

  @Column({ type: Number })
  version: number;

  @Column({ type: String, length: 20 })
  status: RunStatus;

  /** The graph node that started the run, and what it started with (for re-runs). */
  @Column({ type: String, length: 40 })
  triggerNodeId: string;

  @Column({ type: 'simple-json' })
  input: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /**
   * Set on a test: the draft graph it ran (dry, on its own temporary flow), so it can be shown on
   * the canvas later whatever the draft became. A test is no published version's run.
   */
  @Column({ type: 'simple-json', nullable: true })
  draftGraph: Graph | null;

  /** The run this one retries from its failed step (`triggerNodeId` is then that step's node). */
  @Column({ type: String, length: 36, nullable: true })
  retryOf: string | null;

  @CreateDateColumn()
  startedAt: Date;

  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;
}
