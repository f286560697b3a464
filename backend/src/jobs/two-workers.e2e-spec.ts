import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../database/data-source-options';
import { createTestDatabase, DATABASE_KINDS, TestDatabase } from '../testing/test-database';
import { SqlJobRepository } from './sql-job-repository';

const WORKER = join(__dirname, 'agenda-worker.fixture.mjs');
const COMPILED = join(__dirname, '..', '..', 'dist', 'jobs', 'jobs.module.js');
const JOBS = 200;

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

const readRuns = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => Number(line.split(' ')[0]))
    : [];

/** Two separate worker processes on one database: every job runs, and runs exactly once. */
describe.each(DATABASE_KINDS)('two Agenda worker processes on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const workers: ChildProcess[] = [];

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await dataSource?.destroy();
    await database?.drop();
  });

  const startWorker = (name: string, runsFile: string) =>
    new Promise<void>((resolve, reject) => {
      const worker = spawn(process.execPath, [WORKER, database.url, runsFile, name], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      workers.push(worker);
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready')) resolve();
      };
      worker.stdout!.on('data', collect);
      worker.stderr!.on('data', collect);
      worker.on('exit', (code) => reject(new Error(`worker ${name} exited (${code}): ${output}`)));
    });

  const stop = (worker: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      worker.once('exit', (code) => resolve(code));
      worker.kill('SIGTERM');
    });

  it(`run ${JOBS} jobs, each exactly once`, { timeout: 60_000 }, async () => {
    expect(existsSync(COMPILED), `${COMPILED} is missing: run npm run build -w backend first`).toBe(true);
    database = await createTestDatabase(kind);
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    await dataSource.runMigrations();
    const runFiles = ['a', 'b'].map((name) => join(database.dataDir, `runs-${name}.log`));
    await Promise.all([startWorker('worker-a', runFiles[0]), startWorker('worker-b', runFiles[1])]);

    const repo = new SqlJobRepository(dataSource);
    for (let n = 0; n < JOBS; n++) {
      await repo.saveJob({ name: 'count', priority: 0, type: 'normal', nextRunAt: new Date(), data: { n } }, undefined);
    }
    await until(async () => (await repo.queryJobs({ name: 'count', state: 'completed' })).total === JOBS, 45_000);
    // Give a double run, were there one, time to show.
    await new Promise((r) => setTimeout(r, 500));
    expect(await Promise.all(workers.map(stop))).toEqual([0, 0]);

    const [runsA, runsB] = runFiles.map(readRuns);
    const all = [...runsA, ...runsB].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: JOBS }, (_, n) => n));
    // Both processes really competed for the same rows.
    expect(runsA.length).toBeGreaterThan(0);
    expect(runsB.length).toBeGreaterThan(0);
  });
});
