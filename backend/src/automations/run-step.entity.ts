import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Run } from './run.entity';

/** One node handling one message of a run: what came in, what went out on which port, how long. */
@Entity('automation_run_steps')
@Index('ix_automation_run_steps_run', ['runId', 'id'])
export class RunStep {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  runId: string;

  @ManyToOne(() => Run, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'runId', foreignKeyConstraintName: 'fk_automation_run_steps_run' })
  run?: Run;

  @Column({ type: String, length: 40 })
  nodeId: string;

  @Column({ type: String, length: 40 })
  nodeType: string;

  /** The output port taken; null when nothing went out (a failure, a wait, a dead end). */
  @Column({ type: String, length: 40, nullable: true })
  port: string | null;

  @Column({ type: 'simple-json', nullable: true })
  input: unknown;

  @Column({ type: 'simple-json', nullable: true })
  output: unknown;

  @Column({ type: Date })
  startedAt: Date;

  @Column({ type: Number })
  durationMs: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
