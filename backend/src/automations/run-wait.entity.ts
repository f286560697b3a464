import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Run } from './run.entity';

/**
 * A run parked at a node (an approval, a long delay), kept in SQL so it survives restarts. It is
 * resumed once: by a decision, or by the clock at `resumeAt` on the `timeoutPort`; the row is
 * deleted by the dispatcher that resumes it, so two processes cannot both resume it.
 */
@Entity('automation_run_waits')
@Index('ix_automation_run_waits_due', ['resumeAt'])
@Index('ix_automation_run_waits_decided', ['resumePort'])
@Index('uq_automation_run_waits_node', ['runId', 'nodeId'], { unique: true })
export class RunWait {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 36 })
  runId: string;

  @ManyToOne(() => Run, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'runId', foreignKeyConstraintName: 'fk_automation_run_waits_run' })
  run?: Run;

  @Column({ type: String, length: 40 })
  nodeId: string;

  /** The payload to continue with. */
  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: Date, nullable: true })
  resumeAt: Date | null;

  /** The port the clock resumes on (`out` for a delay, `timeout` for an approval). */
  @Column({ type: String, length: 40, nullable: true })
  timeoutPort: string | null;

  /** Set once decided (or due): the port to continue on. The dispatcher then resumes the run. */
  @Column({ type: String, length: 40, nullable: true })
  resumePort: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
