import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Job data: whatever JSON the job's author stored. (Not a recursive JSON type: TypeORM's
 * deep-partial update types cannot expand one.)
 */
export type JsonValue = object | string | number | boolean | null;

/**
 * One Agenda job (a scheduled or repeating unit of background work), stored by our own SQL backend
 * (`SqlJobRepository`). Column names follow Agenda's `JobParameters`, so a row maps field for field.
 */
@Entity('agenda_jobs')
@Index('uq_agenda_jobs_unique_key', ['uniqueKey'], { unique: true })
@Index('ix_agenda_jobs_name_next_run_at', ['name', 'nextRunAt'])
@Index('ix_agenda_jobs_name_locked_at', ['name', 'lockedAt'])
@Index('ix_agenda_jobs_next_run_at', ['nextRunAt'])
export class AgendaJob {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 255 })
  name: string;

  /**
   * What makes a save an upsert, enforced by the unique index so two processes saving the same
   * job at once cannot both insert: `single:<hash of name>` for `type: 'single'` jobs (`every()`),
   * `unique:<hash of name and criteria>` for `job.unique(...)`, and the id for every other job.
   */
  @Column({ type: String, length: 80 })
  uniqueKey: string;

  @Column({ type: Number })
  priority: number;

  @Column({ type: String, length: 10 })
  type: 'normal' | 'single';

  @Column({ type: Date, nullable: true })
  nextRunAt: Date | null;

  /** Set while a worker owns the job; a lock older than the job's lock lifetime may be taken over. */
  @Column({ type: Date, nullable: true })
  lockedAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastRunAt: Date | null;

  @Column({ type: Date, nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: Date, nullable: true })
  failedAt: Date | null;

  @Column({ type: Number, nullable: true })
  failCount: number | null;

  @Column({ type: 'text', nullable: true })
  failReason: string | null;

  /** A number of milliseconds, a human interval ("5 minutes") or a cron expression: JSON keeps which. */
  @Column({ type: 'simple-json', nullable: true })
  repeatInterval: string | number | null;

  @Column({ type: String, length: 100, nullable: true })
  repeatTimezone: string | null;

  @Column({ type: String, length: 255, nullable: true })
  repeatAt: string | null;

  @Column({ type: 'simple-json', nullable: true })
  data: JsonValue;

  @Column({ type: Boolean })
  disabled: boolean;

  /** Fractional percentages are allowed (`job.touch(33.3)`). */
  @Column({ type: 'float', nullable: true })
  progress: number | null;

  @Column({ type: Boolean })
  fork: boolean;

  @Column({ type: String, length: 255, nullable: true })
  lastModifiedBy: string | null;

  @Column({ type: Date, nullable: true })
  debounceStartedAt: Date | null;

  @Column({ type: Date, nullable: true })
  startDate: Date | null;

  @Column({ type: Date, nullable: true })
  endDate: Date | null;

  @Column({ type: 'simple-json', nullable: true })
  skipDays: number[] | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
