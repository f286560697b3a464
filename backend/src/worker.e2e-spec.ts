import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newUser } from './testing/factories';
import { startTestApp, TestApp } from './testing/test-app';
import { createTestDatabase, DATABASE_KINDS, TestDatabase } from './testing/test-database';

const WORKER = join(__dirname, '..', 'dist', 'worker.js');

const until = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** The production worker process (compiled; `npm test` builds first) beside an API with RUN_WORKER=false. */
describe.each(DATABASE_KINDS)('worker process on %s', (kind) => {
  let database: TestDatabase;
  let worker: ChildProcess;
  let api: TestApp;

  afterAll(async () => {
    worker?.kill('SIGTERM');
    await api?.close(); // drops the fresh database it made; ours is dropped below
    await database?.drop();
  });

  it('waits for the API to migrate, then delivers queued email', async () => {
    expect(
      existsSync(WORKER),
      `${WORKER} is missing: run npm test at the root (it builds) or npm run build -w backend`,
    ).toBe(true);
    database = await createTestDatabase(kind);
    let output = '';
    worker = spawn(process.execPath, [WORKER], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: database.dataDir,
        JWT_SECRET: 'x'.repeat(40),
        LOG_LEVEL: 'info',
        FLOW_RUNTIME: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((r) => setTimeout(r, 1500));
    expect(worker.exitCode).toBeNull();
    expect(output).not.toContain('worker started');

    api = await startTestApp(kind, { DATABASE_URL: database.url, DATA_DIR: database.dataDir });
    const user = await newUser(api);
    await api.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    const outbox = api.db.getRepository('OutboxEmail');
    // Generous: on a loaded CI machine other suites share the cores; the worker's log says why if it fails.
    await until(async () => (await outbox.findOneBy({ to: user.email }))?.status === 'logged', 30_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the worker logged:\n${output}`);
      },
    );
    expect(output).toContain('worker started');
  }, 60_000);
});
