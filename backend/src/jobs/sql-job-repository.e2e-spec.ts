import type { JobParameters } from 'agenda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, migratedDatabase } from '../testing/test-database';
import { SqlJobRepository } from './sql-job-repository';

const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs);
const newJob = (overrides: Partial<JobParameters> = {}): JobParameters => ({
  name: 'job',
  priority: 0,
  nextRunAt: at(-1000),
  type: 'normal',
  data: {},
  ...overrides,
});

/** Agenda's `JobRepository` contract (its shared backend suites), on each of our databases. */
describe.each(DATABASE_KINDS)('SqlJobRepository on %s', (kind) => {
  const migrated = migratedDatabase(kind);
  let repo: SqlJobRepository;
  const save = (overrides: Partial<JobParameters> = {}) => repo.saveJob(newJob(overrides), undefined);
  const claimNext = (name: string, lockDeadline = at(-10 * MINUTE)) =>
    repo.getNextJobToRun(name, at(5000), lockDeadline, new Date(), undefined);

  beforeAll(async () => {
    repo = new SqlJobRepository(migrated.dataSource);
    await repo.connect();
  });

  beforeEach(async () => {
    await repo.purgeAllJobs();
  });

  describe('saveJob', () => {
    it('inserts a job with an id and reads every field back as written', async () => {
      const nextRunAt = new Date('2026-03-29T01:30:00.123Z');
      const saved = await save({
        name: 'round-trip',
        priority: 10,
        nextRunAt,
        data: { foo: 'bar', nested: { list: [1, 2] } },
        repeatInterval: 60_000,
        repeatTimezone: 'Europe/Paris',
        skipDays: [0, 6],
        progress: 33.5,
        lastRunAt: new Date('2026-03-29T01:00:00.000Z'),
      });
      expect(saved._id).toMatch(/^[0-9a-f-]{36}$/);
      const read = await repo.getJobById(saved._id!);
      expect(read).toMatchObject({
        name: 'round-trip',
        priority: 10,
        type: 'normal',
        data: { foo: 'bar', nested: { list: [1, 2] } },
        repeatInterval: 60_000,
        repeatTimezone: 'Europe/Paris',
        skipDays: [0, 6],
        progress: 33.5,
        disabled: false,
      });
      expect(read!.nextRunAt!.toISOString()).toBe(nextRunAt.toISOString());
      expect(read!.lastRunAt!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(read!.lockedAt).toBeUndefined();
    });

    it('keeps a string repeat interval a string', async () => {
      const saved = await save({ repeatInterval: '5 minutes' });
      expect((await repo.getJobById(saved._id!))!.repeatInterval).toBe('5 minutes');
    });

    it('updates an existing job by id, leaving its run state alone', async () => {
      const saved = await save({ name: 'update', priority: 5, data: { version: 1 } });
      await repo.lockJob(saved, undefined);
      const updated = await repo.saveJob({ ...saved, priority: 20, data: { version: 2 } }, { lastModifiedBy: 'w1' });
      expect(updated._id).toBe(saved._id);
      expect(updated).toMatchObject({ priority: 20, data: { version: 2 }, lastModifiedBy: 'w1' });
      expect(updated.lockedAt).toBeInstanceOf(Date);
    });

    it('returns a job removed meanwhile unchanged instead of recreating it', async () => {
      const saved = await save();
      await repo.removeJobs({ id: saved._id });
      const again = await repo.saveJob({ ...saved, priority: 3 }, undefined);
      expect(again.priority).toBe(3);
      expect(await repo.getJobById(saved._id!)).toBeNull();
    });

    it('preserves the disabled flag', async () => {
      const saved = await save({ disabled: true });
      expect(saved.disabled).toBe(true);
      expect((await repo.getJobById(saved._id!))!.disabled).toBe(true);
    });

    it('upserts single jobs by name', async () => {
      const first = await save({
        name: 'single',
        type: 'single',
        priority: 5,
        nextRunAt: at(MINUTE),
        data: { run: 1 },
      });
      const second = await save({
        name: 'single',
        type: 'single',
        priority: 10,
        nextRunAt: at(2 * MINUTE),
        data: { run: 2 },
      });
      await save({ name: 'single', type: 'normal' });
      expect(second._id).toBe(first._id);
      expect(second).toMatchObject({ priority: 10, data: { run: 2 } });
      expect((await repo.queryJobs({ name: 'single' })).total).toBe(2);
    });

    it('keeps a single job its planned run time when it is re-saved as due now', async () => {
      const planned = at(MINUTE);
      await save({ name: 'every', type: 'single', nextRunAt: planned });
      const again = await save({ name: 'every', type: 'single', nextRunAt: new Date() });
      expect(again.nextRunAt!.toISOString()).toBe(planned.toISOString());
    });

    it('never creates two single jobs of a name, even when saved concurrently', async () => {
      await Promise.all(Array.from({ length: 8 }, (_, i) => save({ name: 'racing', type: 'single', data: { i } })));
      expect((await repo.queryJobs({ name: 'racing' })).total).toBe(1);
    });

    it('upserts by unique criteria, and insertOnly keeps the existing job', async () => {
      const unique = { 'data.postId': 'p1' };
      const first = await save({ name: 'publish', unique, data: { postId: 'p1', text: 'a' } });
      const second = await save({
        name: 'publish',
        unique: { 'data.postId': 'p1' },
        data: { postId: 'p1', text: 'b' },
      });
      const other = await save({ name: 'publish', unique: { 'data.postId': 'p2' }, data: { postId: 'p2' } });
      expect(second._id).toBe(first._id);
      expect(second.data).toEqual({ postId: 'p1', text: 'b' });
      expect(other._id).not.toBe(first._id);
      const kept = await save({
        name: 'publish',
        unique,
        uniqueOpts: { insertOnly: true },
        data: { postId: 'p1', text: 'c' },
      });
      expect(kept).toMatchObject({ _id: first._id, data: { postId: 'p1', text: 'b' } });
    });

    it('debounces a unique job: each save moves its run time past the quiet period', async () => {
      const job = { name: 'sync', unique: { 'data.account': 'a' }, uniqueOpts: { debounce: { delay: 10_000 } } };
      const first = await save({ ...job, nextRunAt: new Date(), data: { account: 'a' } });
      expect(first.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 9000);
      expect(first.debounceStartedAt).toBeInstanceOf(Date);
      await new Promise((r) => setTimeout(r, 20));
      const second = await save({ ...job, nextRunAt: new Date(), data: { account: 'a' } });
      expect(second._id).toBe(first._id);
      expect(second.nextRunAt!.getTime()).toBeGreaterThan(first.nextRunAt!.getTime());
    });
  });

  describe('reading', () => {
    beforeEach(async () => {
      await save({ name: 'job-a', priority: 10, nextRunAt: at(MINUTE), data: { kind: 'alpha', count: 1 } });
      await save({ name: 'job-b', priority: 5, nextRunAt: at(2 * MINUTE), data: { kind: 'beta', count: 2 } });
      await save({ name: 'job-a', priority: 15, nextRunAt: at(-MINUTE), data: { kind: 'alpha', count: 3 } });
      await save({ name: 'Other-Job', nextRunAt: null, lastFinishedAt: new Date(), disabled: true, data: null });
    });

    it('gets a job by id, and null for an unknown id', async () => {
      const [job] = (await repo.queryJobs({ name: 'job-b' })).jobs;
      expect((await repo.getJobById(job._id))!.data).toEqual({ kind: 'beta', count: 2 });
      expect(await repo.getJobById('00000000-0000-0000-0000-000000000000')).toBeNull();
    });

    it('queries by name, names, ids and a case-insensitive search', async () => {
      expect((await repo.queryJobs()).total).toBe(4);
      expect((await repo.queryJobs({ name: 'job-a' })).jobs.map((j) => j.name)).toEqual(['job-a', 'job-a']);
      expect((await repo.queryJobs({ names: ['job-a', 'job-b'] })).total).toBe(3);
      expect((await repo.queryJobs({ search: 'JOB' })).total).toBe(4);
      const ids = (await repo.queryJobs({ name: 'job-a' })).jobs.map((j) => j._id);
      expect((await repo.queryJobs({ ids })).total).toBe(2);
      expect((await repo.queryJobs({ id: ids[0] })).jobs[0]._id).toBe(ids[0]);
    });

    it('filters by partial data and leaves out disabled jobs on request', async () => {
      expect((await repo.queryJobs({ data: { kind: 'alpha' } })).total).toBe(2);
      expect((await repo.queryJobs({ data: { kind: 'alpha', count: 3 } })).jobs[0].priority).toBe(15);
      expect((await repo.queryJobs({ includeDisabled: false })).total).toBe(3);
    });

    it('paginates with a total taken before the page, in the requested order', async () => {
      const page = await repo.queryJobs({ sort: { priority: 'desc' }, skip: 1, limit: 2 });
      expect(page.total).toBe(4);
      expect(page.jobs.map((j) => j.priority)).toEqual([10, 5]);
      const filtered = await repo.queryJobs({ data: { kind: 'alpha' }, sort: { priority: 'asc' }, skip: 1, limit: 1 });
      expect(filtered).toMatchObject({ total: 2, jobs: [{ priority: 15 }] });
    });

    it('computes and filters by state', async () => {
      const states = (await repo.queryJobs({ sort: { priority: 'desc' } })).jobs.map((j) => [j.name, j.state]);
      expect(states).toEqual([
        ['job-a', 'queued'],
        ['job-a', 'scheduled'],
        ['job-b', 'scheduled'],
        ['Other-Job', 'completed'],
      ]);
      expect((await repo.queryJobs({ state: 'scheduled' })).total).toBe(2);
      expect((await repo.queryJobs({ state: 'paused' })).jobs.map((j) => j.name)).toEqual(['Other-Job']);
      await claimNext('job-a');
      expect((await repo.queryJobs({ state: 'running' })).jobs.map((j) => j.priority)).toEqual([15]);
    });

    it('gives an overview per name', async () => {
      const overview = await repo.getJobsOverview();
      expect(overview.map((o) => o.name).sort()).toEqual(['Other-Job', 'job-a', 'job-b']);
      expect(overview.find((o) => o.name === 'job-a')).toMatchObject({ total: 2, queued: 1, scheduled: 1 });
      expect(overview.find((o) => o.name === 'Other-Job')).toMatchObject({ total: 1, completed: 1, paused: 1 });
    });

    it('lists distinct names and counts the jobs due now', async () => {
      expect((await repo.getDistinctJobNames()).sort()).toEqual(['Other-Job', 'job-a', 'job-b']);
      expect(await repo.getQueueSize()).toBe(1);
      await repo.purgeAllJobs();
      expect(await repo.getDistinctJobNames()).toEqual([]);
    });
  });

  describe('removing, disabling and purging', () => {
    it('removes by name, id, ids, excluded names and data, and nothing without criteria', async () => {
      const [a1, a2, b, c] = await Promise.all([
        save({ name: 'a', data: { tenant: 1 } }),
        save({ name: 'a', data: { tenant: 2 } }),
        save({ name: 'b' }),
        save({ name: 'c' }),
      ]);
      expect(await repo.removeJobs({})).toBe(0);
      expect(await repo.removeJobs({ name: 'a', data: { tenant: 2 } })).toBe(1);
      expect(await repo.getJobById(a2._id!)).toBeNull();
      expect(await repo.removeJobs({ notNames: ['a', 'b'] })).toBe(1);
      expect(await repo.getJobById(c._id!)).toBeNull();
      expect(await repo.removeJobs({ ids: [a1._id!, b._id!] })).toBe(2);
      expect(await repo.removeJobs({ name: 'missing' })).toBe(0);
    });

    it('disables and enables by options; a disabled job is never claimed', async () => {
      await save({ name: 'pause-me', data: { tenant: 1 } });
      await save({ name: 'pause-me', data: { tenant: 2 } });
      expect(await repo.disableJobs({ name: 'pause-me' })).toBe(2);
      expect(await claimNext('pause-me')).toBeUndefined();
      expect(await repo.enableJobs({ name: 'pause-me', data: { tenant: 2 } })).toBe(1);
      expect((await claimNext('pause-me'))!.data).toEqual({ tenant: 2 });
      expect(await repo.disableJobs({})).toBe(0);
    });

    it('purges every job', async () => {
      await Promise.all([save({ name: 'x' }), save({ name: 'y' }), save({ name: 'z', type: 'single' })]);
      expect(await repo.purgeAllJobs()).toBe(3);
      expect((await repo.queryJobs()).total).toBe(0);
    });
  });

  describe('locking', () => {
    it('locks a job once; a second lock of the same job fails', async () => {
      const saved = await save();
      const locked = await repo.lockJob(saved, { lastModifiedBy: 'w1' });
      expect(locked).toMatchObject({ _id: saved._id, lastModifiedBy: 'w1' });
      expect(locked!.lockedAt).toBeInstanceOf(Date);
      expect(await repo.lockJob(saved, undefined)).toBeUndefined();
    });

    it('does not lock a job rescheduled since Agenda read it, nor a disabled one', async () => {
      const saved = await save();
      await repo.saveJob({ ...saved, nextRunAt: at(MINUTE) }, undefined);
      expect(await repo.lockJob(saved, undefined)).toBeUndefined();
      const disabled = await save({ disabled: true });
      expect(await repo.lockJob(disabled, undefined)).toBeUndefined();
    });

    it('unlocks one job or many, but keeps the lock of a one-off that already ran', async () => {
      const [a, b, ran] = await Promise.all([save({ name: 'a' }), save({ name: 'b' }), save({ name: 'ran' })]);
      for (const job of [a, b, ran]) await repo.lockJob(job, undefined);
      await repo.unlockJob(a);
      expect((await repo.getJobById(a._id!))!.lockedAt).toBeUndefined();
      await repo.saveJobState({ ...(await repo.getJobById(ran._id!))!, nextRunAt: null }, undefined);
      await repo.unlockJob(ran);
      expect((await repo.getJobById(ran._id!))!.lockedAt).toBeInstanceOf(Date);
      await repo.unlockJobs([b._id!, ran._id!]);
      expect((await repo.getJobById(b._id!))!.lockedAt).toBeUndefined();
      expect((await repo.getJobById(ran._id!))!.lockedAt).toBeUndefined();
    });

    it('saves run state, clears the lock, and fails for a job that is gone', async () => {
      const saved = await save({ name: 'state' });
      const locked = (await repo.lockJob(saved, undefined))!;
      const now = new Date();
      await repo.saveJobState(
        {
          ...locked,
          lockedAt: undefined,
          lastRunAt: now,
          lastFinishedAt: now,
          progress: 50,
          failCount: 1,
          failReason: 'boom',
          failedAt: now,
        },
        undefined,
      );
      const read = (await repo.getJobById(saved._id!))!;
      expect(read).toMatchObject({ progress: 50, failCount: 1, failReason: 'boom' });
      expect(read.lockedAt).toBeUndefined();
      expect(read.lastFinishedAt!.toISOString()).toBe(now.toISOString());
      await repo.removeJobs({ id: saved._id });
      await expect(repo.saveJobState(read, undefined)).rejects.toThrow(/cannot be updated/);
    });
  });

  describe('getNextJobToRun', () => {
    it('claims the highest priority first, then the earliest due, each job once', async () => {
      await save({ name: 'q', priority: 5, nextRunAt: at(-3 * MINUTE), data: { n: 'low-old' } });
      await save({ name: 'q', priority: 10, nextRunAt: at(-MINUTE), data: { n: 'high-new' } });
      await save({ name: 'q', priority: 10, nextRunAt: at(-2 * MINUTE), data: { n: 'high-old' } });
      await save({ name: 'q', priority: 20, nextRunAt: at(MINUTE), data: { n: 'future' } });
      const claimed = [];
      for (let i = 0; i < 4; i++) claimed.push((await claimNext('q'))?.data);
      expect(claimed).toEqual([{ n: 'high-old' }, { n: 'high-new' }, { n: 'low-old' }, undefined]);
    });

    it('returns a locked job, with lockedAt set to the time given', async () => {
      await save({ name: 'runner' });
      const now = new Date('2026-01-01T00:00:00.000Z');
      const next = await repo.getNextJobToRun('runner', at(5000), at(-10 * MINUTE), now, { lastModifiedBy: 'w2' });
      expect(next!.lockedAt!.toISOString()).toBe(now.toISOString());
      expect(next!.lastModifiedBy).toBe('w2');
    });

    it('takes over an expired lock, even of a one-off that has no next run any more', async () => {
      const saved = await save({ name: 'crashed' });
      await repo.saveJobState(
        { ...saved, lockedAt: at(-20 * MINUTE), lastRunAt: at(-20 * MINUTE), nextRunAt: null },
        undefined,
      );
      expect(await claimNext('crashed', at(-30 * MINUTE))).toBeUndefined(); // lock still within its lifetime
      const recovered = await claimNext('crashed', at(-10 * MINUTE));
      expect(recovered!._id).toBe(saved._id);
      expect(recovered!.lockedAt!.getTime()).toBeGreaterThan(Date.now() - MINUTE);
      expect(await claimNext('crashed', at(-10 * MINUTE))).toBeUndefined();
    });

    it('hands each job to exactly one of many concurrent claimers', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, n) => save({ name: 'contended', data: { n } })));
      const claims = await Promise.all(Array.from({ length: 40 }, () => claimNext('contended')));
      const won = claims.filter((job) => job !== undefined).map((job) => (job!.data as { n: number }).n);
      expect(won.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    });
  });
});
