import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RunStatus } from '@socialorchestrator/rule-nodes';
import { Automation } from './automation.entity';

export type { RunStatus } from '@socialorchestrator/rule-nodes';

/** One event going through one version of an automation. */
@Entity('automation_runs')
@Index('ix_automation_runs_automation', ['automationId', 'id'])
@Index('ix_automation_runs_status', ['status'])
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

  @CreateDateColumn()
  startedAt: Date;

  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;
}
