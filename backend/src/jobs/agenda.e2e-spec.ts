import { Agenda, constant } from 'agenda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';
import { AgendaJob } from './agenda-job.entity';
import { BackgroundJobs } from './background-jobs';
import { createAgenda } from './jobs.module';

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Agenda itself, end to end, running jobs stored by our backend. */
describe.each(DATABASE_KINDS)('Agenda on the SQL backend (%s)', (kind) => {
  const migrated = migratedDatabase(kind);
  let agenda: Agenda;
  const row = (name: string) => migrated.dataSource.getRepository(AgendaJob).findOneByOrFail({ name });

  beforeEach(async () => {
    await migrated.dataSource.getRepository(AgendaJob).clear();
    agenda = createAgenda(migrated.dataSource, { name: 'test-worker', processEvery: 100 });
    await agenda.ready;
  });

  afterEach(async () => {
    await agenda.stop();
  });

  it('runs a job saved with now(), with its data, and records the finish', async () => {
    const seen: unknown[] = [];
    agenda.define('greet', async (job) => void seen.push(job.attrs.data));
    await agenda.start();
    await agenda.now('greet', { to: 'ada' });
    await until(() => seen.length === 1);
    expect(seen).toEqual([{ to: 'ada' }]);
    await until(async () => (await row('greet')).lastFinishedAt !== null);
    const stored = await row('greet');
    expect(stored).toMatchObject({ lockedAt: null, nextRunAt: null, lastModifiedBy: 'test-worker' });
    expect(stored.lastRunAt).toBeInstanceOf(Date);
  });

  it('runs a scheduled job at its time, not before', async () => {
    let ranAt = 0;
    agenda.define('later', async () => void (ranAt = Date.now()));
    await agenda.start();
    const due = new Date(Date.now() + 700);
    await agenda.schedule(due, 'later');
    await new Promise((r) => setTimeout(r, 300));
    expect(ranAt).toBe(0);
    await until(() => ranAt > 0);
    expect(ranAt).toBeGreaterThanOrEqual(due.getTime());
  });

  it('repeats an every() job from one stored row, even when every() is called twice', async () => {
    let runs = 0;
    agenda.define('tick', async () => void runs++);
    await agenda.start();
    await agenda.every(300, 'tick');
    await agenda.every(300, 'tick');
    await until(() => runs >= 3);
    const rows = await migrated.dataSource.getRepository(AgendaJob).findBy({ name: 'tick' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'single', repeatInterval: 300 });
  });

  it('records each failure, retries with backoff, and resets the count on success', async () => {
    const storedFailCounts: (number | null)[] = [];
    agenda.define(
      'flaky',
      async () => {
        // What the database holds when each attempt starts: the failures recorded so far.
        storedFailCounts.push((await row('flaky')).failCount);
        if (storedFailCounts.length < 3) throw new Error(`attempt ${storedFailCounts.length} failed`);
      },
      { backoff: constant({ delay: 100, maxRetries: 5 }) },
    );
    const failures: string[] = [];
    agenda.on('fail:flaky', (error: Error) => failures.push(error.message));
    await agenda.start();
    await agenda.now('flaky');
    await until(async () => storedFailCounts.length === 3 && (await row('flaky')).lastFinishedAt !== null);
    expect(failures).toEqual(['attempt 1 failed', 'attempt 2 failed']);
    expect(storedFailCounts).toEqual([null, 1, 2]);
    const stored = await row('flaky');
    // Agenda 6.2.6 zeroes the count after a success; the last failure stays on record.
    expect(stored).toMatchObject({ failCount: 0, failReason: 'attempt 2 failed', lockedAt: null });
    expect(stored.failedAt).toBeInstanceOf(Date);
  });

  it('records a job that fails for good', async () => {
    agenda.define('broken', async () => {
      throw new Error('network down');
    });
    await agenda.start();
    await agenda.now('broken');
    await until(async () => (await row('broken')).failCount === 1);
    const stored = await row('broken');
    expect(stored).toMatchObject({ failReason: 'network down', nextRunAt: null });
    expect((await agenda.queryJobs({ name: 'broken' })).jobs[0].state).toBe('failed');
  });

  /** Handlers throw what they like; each must end in one recorded failure, not a locked row run again. */
  it.each([
    ['an object', { code: 'E_QUOTA', detail: 'over the limit' }, "{ code: 'E_QUOTA', detail: 'over the limit' }"],
    ['a string', 'plain words', 'plain words'],
    ['a number', 42, '42'],
  ])('records a job that throws %s once, as text, and unlocks it', async (_what, thrown, reason) => {
    let runs = 0;
    agenda.define(
      'throws',
      async () => {
        runs++;
        throw thrown;
      },
      // A lock left behind would be taken over (and the job run again) within a few polls.
      { lockLifetime: 300 },
    );
    await agenda.start();
    await agenda.now('throws');
    await until(async () => (await row('throws')).failCount === 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(runs).toBe(1);
    expect(await row('throws')).toMatchObject({ failReason: reason, failCount: 1, lockedAt: null, nextRunAt: null });
    expect((await agenda.queryJobs({ name: 'throws' })).jobs[0].state).toBe('failed');
  });

  it('records a run whose final state cannot be written as failed, says why, and does not run it again', async () => {
    let runs = 0;
    agenda.define(
      'unsavable',
      async (job) => {
        runs++;
        // A handler may leave anything on the job; this date cannot be stored anywhere.
        job.attrs.nextRunAt = new Date(Number.NaN);
      },
      { lockLifetime: 300 },
    );
    await agenda.start();
    await agenda.now('unsavable');
    await until(async () => (await row('unsavable')).failedAt !== null);
    await new Promise((r) => setTimeout(r, 1000));
    expect(runs).toBe(1);
    const stored = await row('unsavable');
    expect(stored).toMatchObject({
      lockedAt: null,
      nextRunAt: null,
      failCount: 1,
      failReason: 'its final state could not be saved: not a date: Invalid Date',
    });
    expect(stored.lastFinishedAt).toBeInstanceOf(Date);
    expect((await agenda.queryJobs({ name: 'unsavable' })).jobs[0].state).toBe('failed');
  });

  it.each([
    ['null', null, 'the job failed without a reason'],
    ['a string', 'quota reached', 'quota reached'],
  ])('tells Agenda what a background job threw (%s), as an Error', async (_what, thrown, reason) => {
    const jobs = new BackgroundJobs(agenda);
    jobs.define('odd', async () => {
      throw thrown;
    });
    const failures: unknown[] = [];
    agenda.on('fail:odd', (error: unknown) => failures.push(error));
    await agenda.start();
    await agenda.now('odd');
    await until(async () => (await row('odd')).failCount === 1);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(Error);
    expect((failures[0] as Error).message).toBe(reason);
    expect(await row('odd')).toMatchObject({ failReason: reason, lockedAt: null });
  });
});
