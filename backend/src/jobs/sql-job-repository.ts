import type {
  JobId,
  JobParameters,
  JobRepository,
  JobRepositoryOptions,
  JobsOverview,
  JobsQueryOptions,
  JobsResult,
  JobsSort,
  JobWithState,
  RemoveJobsOptions,
} from 'agenda';
import { computeJobState } from 'agenda';
import { Logger } from '@nestjs/common';
import {
  DataSource,
  Equal,
  FindOptionsOrder,
  FindOptionsWhere,
  ILike,
  In,
  IsNull,
  LessThan,
  LessThanOrEqual,
  Not,
  Repository,
} from 'typeorm';
import { newId } from '../common/ids';
import { AgendaJob } from './agenda-job.entity';
import { asDate, definitionColumns, jsonContains, reasonText, stateColumns, toJobParameters } from './agenda-job-row';
import { firstDebounce, singleJobKey, uniqueJobKey, uniqueUpdate } from './job-uniqueness';
import { inLists } from '../database/in-lists';

type Where = FindOptionsWhere<AgendaJob>;

/** How many due jobs one claim attempt considers before looking again (others may be taking them). */
const CLAIM_CANDIDATES = 10;
const CLAIM_ROUNDS = 5;
/** Pauses before each further attempt to record a job whose final state could not be written. */
const FINISH_RETRY_MS = [200, 1000, 3000];

/** The job's row is gone (removed while it ran): Agenda expects this and lets it go. */
class JobGoneError extends Error {}

/**
 * Agenda's `JobRepository` on the project's TypeORM database (SQLite, PostgreSQL, SQL Server), with
 * portable queries only. Every lock is taken by one conditional UPDATE whose WHERE repeats the
 * claim's conditions, and counts only when it changed exactly one row: the database, not a read
 * made earlier, decides which of several competing processes gets a job.
 */
export class SqlJobRepository implements JobRepository {
  private readonly logger = new Logger('Jobs');
  private readonly jobs: Repository<AgendaJob>;

  constructor(private readonly dataSource: DataSource) {
    this.jobs = dataSource.getRepository(AgendaJob);
  }

  /** The DataSource is the app's and its migrations create the table: nothing to open here. */
  async connect(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('SqlJobRepository: the DataSource is not initialized');
  }

  async getJobById(id: string): Promise<JobParameters | null> {
    const row = await this.jobs.findOneBy({ id });
    return row ? toJobParameters(row) : null;
  }

  async queryJobs(options: JobsQueryOptions = {}): Promise<JobsResult> {
    const { state, data, skip = 0, limit = 0 } = options;
    const where = this.queryWhere(options);
    const order = toOrder(options.sort);
    const now = new Date();
    const withState = (job: JobParameters): JobWithState => ({
      ...job,
      _id: job._id as JobId,
      state: computeJobState(job, now),
    });

    // State is computed from several columns and data is JSON: both filter here, after SQL.
    if (!state && data === undefined) {
      const [rows, total] = await this.jobs.findAndCount({ where, order, skip, take: limit || undefined });
      return { jobs: rows.map((row) => withState(toJobParameters(row))), total };
    }
    const matching = (await this.jobs.find({ where, order }))
      .filter((row) => data === undefined || jsonContains(row.data, data))
      .map((row) => withState(toJobParameters(row)))
      .filter((job) => !state || (state === 'paused' ? job.disabled === true : job.state === state));
    return { jobs: matching.slice(skip, limit > 0 ? skip + limit : undefined), total: matching.length };
  }

  async getJobsOverview(): Promise<JobsOverview[]> {
    const rows = await this.jobs.find({ order: { name: 'ASC' } });
    const now = new Date();
    const overviews = new Map<string, JobsOverview>();
    for (const row of rows) {
      const overview = overviews.get(row.name) ?? emptyOverview(row.name);
      overviews.set(row.name, overview);
      const job = toJobParameters(row);
      overview.total++;
      overview[computeJobState(job, now)]++;
      if (job.disabled) overview.paused++;
    }
    return [...overviews.values()];
  }

  async getDistinctJobNames(): Promise<string[]> {
    const rows = await this.jobs
      .createQueryBuilder('job')
      .select('job.name', 'name')
      .distinct(true)
      .orderBy('job.name', 'ASC')
      .getRawMany<{ name: string }>();
    return rows.map((row) => row.name);
  }

  async getQueueSize(): Promise<number> {
    return this.jobs.countBy({ nextRunAt: LessThan(new Date()) });
  }

  async removeJobs(options: RemoveJobsOptions): Promise<number> {
    const ids = await this.idsMatching(options);
    let removed = 0;
    for (const chunk of inLists(ids)) removed += (await this.jobs.delete({ id: In(chunk) })).affected ?? 0;
    return removed;
  }

  async disableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, true);
  }

  async enableJobs(options: RemoveJobsOptions): Promise<number> {
    return this.setDisabled(options, false);
  }

  async purgeAllJobs(): Promise<number> {
    return (await this.jobs.createQueryBuilder().delete().execute()).affected ?? 0;
  }

  async saveJob<DATA = unknown>(
    job: JobParameters<DATA>,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters<DATA>> {
    const lastModifiedBy = options?.lastModifiedBy;
    if (job._id) return this.updateDefinition(job, lastModifiedBy);
    if (job.type === 'single') {
      return this.upsert(job, singleJobKey(job.name), lastModifiedBy, (existing) => ({
        ...definitionColumns(job, lastModifiedBy),
        // A single job re-saved with a due time keeps the time it already has (as Agenda's MongoDB
        // and PostgreSQL backends do): restarting a process must not make `every()` run early.
        nextRunAt:
          job.nextRunAt && new Date(job.nextRunAt) <= new Date()
            ? (existing.nextRunAt ?? asDate(job.nextRunAt))
            : asDate(job.nextRunAt),
      })) as Promise<JobParameters<DATA>>;
    }
    if (job.unique) {
      return this.upsert(job, uniqueJobKey(job.name, job.unique), lastModifiedBy, (existing) =>
        uniqueUpdate(job, existing, lastModifiedBy),
      ) as Promise<JobParameters<DATA>>;
    }
    const id = newId();
    return this.insert(job, id, id, lastModifiedBy) as Promise<JobParameters<DATA>>;
  }

  /**
   * Writes a job's run state. The save that ends a run (the lock released) is the one Agenda
   * swallows when it fails: the row would stay locked and the job run again each time the lock
   * expired, forever and without a word. So a failed final save is logged as an error and the
   * run recorded as failed with why, retried a few times; only a job removed meanwhile is let go.
   */
  async saveJobState(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<void> {
    if (!job._id) throw new Error('Cannot save job state without job ID');
    try {
      await this.writeState(job, options?.lastModifiedBy);
    } catch (error) {
      if (job.lockedAt || error instanceof JobGoneError) throw error;
      await this.recordUnsavedFinish(job, error, options?.lastModifiedBy);
    }
  }

  private async writeState(job: JobParameters, lastModifiedBy: string | undefined): Promise<void> {
    const result = await this.jobs.update({ id: String(job._id), name: job.name }, stateColumns(job, lastModifiedBy));
    if (result.affected !== 1) {
      throw new JobGoneError(
        `job ${job._id} (name: ${job.name}) cannot be updated in the database, maybe it does not exist anymore?`,
      );
    }
  }

  /** The finish of a run whose state could not be written: unlocked and failed, with the reason. */
  private async recordUnsavedFinish(job: JobParameters, error: unknown, lastModifiedBy?: string): Promise<void> {
    const name = `job ${String(job._id)} (${job.name})`;
    const why = `its final state could not be saved: ${reasonText(error)}`;
    this.logger.error(`${name}: ${why}; recording it as failed`);
    const now = new Date();
    const failed = {
      lockedAt: null,
      nextRunAt: safeDate(job.nextRunAt),
      lastFinishedAt: now,
      failedAt: now,
      failCount: typeof job.failCount === 'number' && job.failCount > 0 ? Math.floor(job.failCount) : 1,
      failReason: reasonText(why),
      lastModifiedBy: lastModifiedBy ?? null,
    } satisfies Partial<AgendaJob>;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.jobs.update({ id: String(job._id), name: job.name }, failed);
        return;
      } catch (retryError) {
        if (attempt >= FINISH_RETRY_MS.length) {
          this.logger.error(
            `${name}: still not recorded (${reasonText(retryError)}); it stays locked and runs again once its lock expires`,
          );
          throw retryError;
        }
        await new Promise((resolve) => setTimeout(resolve, FINISH_RETRY_MS[attempt]));
      }
    }
  }

  /** Locks the job Agenda holds in hand, if it is still unlocked and due at the time Agenda saw. */
  async lockJob(job: JobParameters, options: JobRepositoryOptions | undefined): Promise<JobParameters | undefined> {
    if (!job._id) return undefined;
    const nextRunAt = asDate(job.nextRunAt);
    return this.claim(
      [
        {
          id: job._id,
          name: job.name,
          disabled: false,
          lockedAt: IsNull(),
          nextRunAt: nextRunAt ? Equal(nextRunAt) : IsNull(),
        },
      ],
      new Date(),
      options?.lastModifiedBy,
    );
  }

  /**
   * Finds and locks the most urgent claimable job of a name: highest priority first, then the
   * earliest due. Claimable means unlocked and due before the next scan, or locked before
   * `lockDeadline` — its worker died (or stalled past the lock lifetime), whatever its nextRunAt
   * (a one-off job that was running has none any more).
   */
  async getNextJobToRun(
    jobName: string,
    nextScanAt: Date,
    lockDeadline: Date,
    now: Date | undefined,
    options: JobRepositoryOptions | undefined,
  ): Promise<JobParameters | undefined> {
    const claimable = (extra: Where = {}): Where[] => [
      { ...extra, name: jobName, disabled: false, lockedAt: IsNull(), nextRunAt: LessThanOrEqual(nextScanAt) },
      { ...extra, name: jobName, disabled: false, lockedAt: LessThanOrEqual(lockDeadline) },
    ];
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const candidates = await this.jobs.find({
        select: { id: true },
        where: claimable(),
        order: { priority: 'DESC', nextRunAt: 'ASC', id: 'ASC' },
        take: CLAIM_CANDIDATES,
      });
      if (candidates.length === 0) return undefined;
      for (const { id } of candidates) {
        const locked = await this.claim(claimable({ id }), now ?? new Date(), options?.lastModifiedBy);
        if (locked) return locked;
      }
      // Every candidate went to another worker between our read and our claim: read again.
    }
    return undefined;
  }

  /** Releases a job Agenda locked but will not run, unless it is a one-off that already ran. */
  async unlockJob(job: JobParameters): Promise<void> {
    if (!job._id) return;
    await this.jobs.update({ id: job._id, nextRunAt: Not(IsNull()) }, { lockedAt: null });
  }

  async unlockJobs(jobIds: (JobId | string)[]): Promise<void> {
    for (const chunk of inLists(jobIds.map(String))) await this.jobs.update({ id: In(chunk) }, { lockedAt: null });
  }

  /**
   * The one conditional UPDATE that takes a lock. `where` names a single job (by id) and repeats
   * every condition of the claim, so the database re-checks them atomically against concurrent
   * claims (PostgreSQL re-evaluates the WHERE after waiting for a competing row lock; SQLite runs
   * one writer at a time); exactly one affected row means the lock is ours.
   */
  private async claim(where: Where[], lockedAt: Date, lastModifiedBy?: string): Promise<JobParameters | undefined> {
    const result = await this.jobs
      .createQueryBuilder()
      .update()
      .set({ lockedAt, lastModifiedBy: lastModifiedBy ?? null })
      .where(where)
      .execute();
    if (result.affected !== 1) return undefined;
    const row = await this.jobs.findOneBy({ id: where[0].id as string });
    return row ? toJobParameters(row) : undefined;
  }

  private async insert(
    job: JobParameters,
    id: string,
    uniqueKey: string,
    lastModifiedBy: string | undefined,
    overrides: Partial<AgendaJob> = {},
  ): Promise<JobParameters> {
    const row = this.jobs.create({
      ...stateColumns(job, lastModifiedBy),
      ...definitionColumns(job, lastModifiedBy),
      debounceStartedAt: asDate(job.debounceStartedAt),
      ...overrides,
      id,
      uniqueKey,
    });
    await this.jobs.insert(row);
    return toJobParameters(await this.jobs.findOneByOrFail({ id }));
  }

  private async updateDefinition<DATA>(
    job: JobParameters<DATA>,
    lastModifiedBy: string | undefined,
  ): Promise<JobParameters<DATA>> {
    const id = String(job._id);
    const result = await this.jobs.update({ id, name: job.name }, definitionColumns(job, lastModifiedBy));
    // A job removed meanwhile (e.g. while it ran) comes back as it was given, as in Agenda's backends.
    if (result.affected !== 1) return job;
    const row = await this.jobs.findOneBy({ id });
    return row ? (toJobParameters(row) as JobParameters<DATA>) : job;
  }

  /**
   * Insert-or-update by `uniqueKey`. The unique index settles a race between two processes saving
   * the same key: the loser's insert fails, and it updates the winner's row instead.
   * `changes` returns the columns to update, or null to keep the existing job untouched.
   */
  private async upsert(
    job: JobParameters,
    uniqueKey: string,
    lastModifiedBy: string | undefined,
    changes: (existing: AgendaJob) => Partial<AgendaJob> | null,
  ): Promise<JobParameters> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.jobs.findOneBy({ uniqueKey });
      if (existing) {
        const update = changes(existing);
        if (update) await this.jobs.update({ id: existing.id }, update);
        return toJobParameters(update ? await this.jobs.findOneByOrFail({ id: existing.id }) : existing);
      }
      try {
        return await this.insert(job, newId(), uniqueKey, lastModifiedBy, firstDebounce(job));
      } catch (error) {
        if (attempt > 0 || !(await this.jobs.existsBy({ uniqueKey }))) throw error;
      }
    }
  }

  private queryWhere(options: JobsQueryOptions): Where {
    const where: Where = {};
    if (options.name) where.name = options.name;
    else if (options.names?.length) where.name = In(options.names);
    if (options.id) where.id = options.id;
    else if (options.ids?.length) where.id = In(options.ids);
    if (options.search) where.name = ILike(`%${options.search}%`);
    if (options.includeDisabled === false) where.disabled = false;
    return where;
  }

  /** Ids of the jobs `options` names; no criteria at all names no job (never "every job"). */
  private async idsMatching(options: RemoveJobsOptions): Promise<string[]> {
    const where: Where = {};
    if (options.id) where.id = String(options.id);
    else if (options.ids?.length) where.id = In(options.ids.map(String));
    if (options.name) where.name = options.name;
    else if (options.names?.length) where.name = In(options.names);
    else if (options.notNames?.length) where.name = Not(In(options.notNames));
    if (Object.keys(where).length === 0 && options.data === undefined) return [];
    const rows = await this.jobs.find({ select: { id: true, data: true }, where });
    return rows
      .filter((row) => options.data === undefined || jsonContains(row.data, options.data))
      .map((row) => row.id);
  }

  private async setDisabled(options: RemoveJobsOptions, disabled: boolean): Promise<number> {
    const ids = await this.idsMatching(options);
    let changed = 0;
    for (const chunk of inLists(ids))
      changed += (await this.jobs.update({ id: In(chunk) }, { disabled })).affected ?? 0;
    return changed;
  }
}

/** Agenda's sort, with the id last so pages are stable; by default the latest runs first. */
function toOrder(sort: JobsSort | undefined): FindOptionsOrder<AgendaJob> {
  const order: FindOptionsOrder<AgendaJob> = {};
  const direction = (value: JobsSort[keyof JobsSort]) => (value === 'asc' ? 'ASC' : 'DESC');
  if (sort?.nextRunAt !== undefined) order.nextRunAt = direction(sort.nextRunAt);
  if (sort?.lastRunAt !== undefined) order.lastRunAt = direction(sort.lastRunAt);
  if (sort?.lastFinishedAt !== undefined) order.lastFinishedAt = direction(sort.lastFinishedAt);
  if (sort?.priority !== undefined) order.priority = direction(sort.priority);
  if (sort?.name !== undefined) order.name = direction(sort.name);
  if (Object.keys(order).length === 0) Object.assign(order, { nextRunAt: 'DESC', lastRunAt: 'DESC' });
  return { ...order, id: 'ASC' };
}

/** A date to keep if it can be read; the one that could not is dropped. */
function safeDate(value: Date | string | null | undefined): Date | null {
  try {
    return asDate(value);
  } catch {
    return null;
  }
}

function emptyOverview(name: string): JobsOverview {
  return { name, total: 0, running: 0, scheduled: 0, queued: 0, completed: 0, failed: 0, repeating: 0, paused: 0 };
}
