import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPost } from '../connectors/sandbox/sandbox-post.entity';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';
import { PublishJob } from './publish-job.entity';

const WORKER = join(__dirname, '..', '..', 'dist', 'worker.js');

const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * A real worker process is killed after the network accepted a post and before the worker wrote
 * that down; a restarted worker settles it by looking the post up. The post exists once.
 */
describe.each(DATABASE_KINDS)('a worker killed mid-send on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Crash Inc');
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await t?.close();
  });

  const startWorker = (name: string) =>
    new Promise<ChildProcess>((resolve, reject) => {
      const worker = spawn(process.execPath, [WORKER], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          DATABASE_URL: t.config.databaseUrl,
          DATA_DIR: t.config.dataDir,
          JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
          LOG_LEVEL: 'info',
          PUBLISH_POLL_MS: '100',
          PUBLISH_LEASE_SECONDS: '3',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      workers.push(worker);
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('worker started')) resolve(worker);
      };
      worker.stdout!.on('data', collect);
      worker.stderr!.on('data', collect);
      worker.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`${name} exited (${code}): ${output}`));
      });
    });

  it('publishes the post exactly once after the restart', { timeout: 60_000 }, async () => {
    expect(existsSync(WORKER), `${WORKER} is missing: run npm run build -w backend first`).toBe(true);
    // The Sandbox accepts the post, then takes a minute to answer: the window we kill in.
    const account = await t.http
      .post('/api/v1/accounts')
      .set(as(owner, workspaceId))
      .send({ network: 'sandbox', name: 'Slow' })
      .expect(201);
    await t.http
      .patch(`/api/v1/accounts/${account.body.id}`)
      .set(as(owner, workspaceId))
      .send({ settings: { latencyMs: 60_000 } })
      .expect(200);

    const first = await startWorker('worker-1');
    const post = await t.http
      .post('/api/v1/posts')
      .set(as(owner, workspaceId))
      .send({
        text: 'survives a crash',
        variants: [{ accountId: account.body.id }],
        schedule: { type: 'single', at: new Date(Date.now() + 1000).toISOString() },
      })
      .expect(201);
    const onNetwork = () => t.db.getRepository(SandboxPost).countBy({ text: 'survives a crash' });
    await until('the Sandbox got the post', async () => (await onNetwork()) === 1, 15_000);
    first.kill('SIGKILL');

    const jobs = t.db.getRepository(PublishJob);
    const [job] = await jobs.findBy({ postId: post.body.id });
    expect(job.status).toBe('sending');

    await t.http
      .patch(`/api/v1/accounts/${account.body.id}`)
      .set(as(owner, workspaceId))
      .send({ settings: { latencyMs: 0 } })
      .expect(200);
    await startWorker('worker-2');
    await until(
      'the restarted worker settled the job',
      async () => (await jobs.findOneByOrFail({ id: job.id })).status !== 'sending',
      20_000,
    );

    const settled = await jobs.findOneByOrFail({ id: job.id });
    expect(settled.status).toBe('published');
    expect(settled.history.map((h) => h.outcome)).toEqual(['reconciled']);
    expect(await onNetwork()).toBe(1);
    const after = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(owner, workspaceId)).expect(200);
    expect(after.body.state).toBe('published');
    expect(after.body.variants[0].externalId).toBe(settled.externalId);
  });
});
