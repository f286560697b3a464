import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';

const WORKER = join(__dirname, '..', '..', 'dist', 'worker.js');

/**
 * The production topology: the API hosts no runtime (FLOW_RUNTIME=off); a worker process
 * supervises it and does what its rule nodes ask (over the runtime's IPC channel). Runs queued by
 * the API are handed over by the worker.
 */
describe('the flow runtime hosted by a worker process', () => {
  let t: TestApp;
  let worker: ChildProcess;
  let output = '';
  let owner: TestUser;
  let workspaceId: string;
  const api = () => apiAs(t, owner, workspaceId);

  beforeAll(async () => {
    expect(existsSync(WORKER), `${WORKER} is missing: run npm run build -w backend first`).toBe(true);
    t = await startTestApp('sqlite');
    worker = spawn(process.execPath, [WORKER], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: t.config.databaseUrl,
        DATA_DIR: t.config.dataDir,
        JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${output}`)), 30_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('worker started with the flow runtime')) {
          clearTimeout(timer);
          resolve();
        }
      };
      worker.stdout!.on('data', collect);
      worker.stderr!.on('data', collect);
    });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Split Co');
    await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201);
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await t?.close();
  });

  it('runs what the API queued, the worker writing the draft', async () => {
    const { body } = await api()
      .post('/automations', {
        name: 'Split',
        graph: {
          nodes: [
            { id: 'hook', type: 'webhook-in', position: { x: 0, y: 0 }, config: {} },
            {
              id: 'draft',
              type: 'create-draft',
              position: { x: 1, y: 0 },
              config: { text: '{{title}}', accountIds: ['*'] },
            },
          ],
          edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'draft', port: 'in' } }],
        },
      })
      .expect(201);
    const published = await api().post(`/automations/${body.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const started = await api()
      .post(`/automations/${body.id}/test`, { nodeId: 'hook', payload: { title: 'From the worker' } })
      .expect(202);
    let run: { status: string; steps: Array<{ output: { postId?: string } | null }> } | null = null;
    for (let i = 0; i < 150 && run?.status !== 'succeeded'; i++) {
      run = (await api().get(`/runs/${started.body.runId}`).expect(200)).body;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run!.status, output.slice(-3000)).toBe('succeeded');
    const post = await api().get(`/posts/${run!.steps[1].output!.postId}`).expect(200);
    expect(post.body.text).toBe('From the worker');
  });
});
