import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INHERITED_ENV, UnsafeRuntimeEnvError } from './child-env';
import { FlowRuntimeSupervisor, type FlowRuntimeExit, type SupervisorOptions } from './supervisor';
import { alive, EXPECTED_PALETTE, FORBIDDEN_TYPES, HOST, tempDir, until } from './testing/processes';

/** Real host processes, forked from the compiled dist/host.js. */
describe('FlowRuntimeSupervisor', () => {
  let supervisor: FlowRuntimeSupervisor | null = null;
  const supervise = (options: SupervisorOptions = {}) => {
    supervisor = new FlowRuntimeSupervisor({
      hostScript: HOST,
      ...options,
      env: { FLOW_RUNTIME_DIR: tempDir('sup'), LOG_LEVEL: 'warn', ...options.env },
    });
    return supervisor;
  };
  const exits = (s: FlowRuntimeSupervisor) => {
    const seen: FlowRuntimeExit[] = [];
    s.on('exit', (exit) => seen.push(exit));
    return seen;
  };

  afterEach(async () => {
    const pid = supervisor?.status().pid;
    await supervisor?.stop();
    supervisor = null;
    if (pid) expect(alive(pid)).toBe(false);
  });

  it('starts Node-RED with exactly the allow-listed palette and reports ready', async () => {
    const s = supervise();
    const readyEvents: string[][] = [];
    s.on('ready', (status) => readyEvents.push(status.palette));
    const t0 = Date.now();
    const status = await s.start();
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(status).toMatchObject({ state: 'running', restarts: 0, lastExitCode: null, lastError: null });
    expect(status.nodeRedVersion).toBe('4.1.15');
    expect([...status.palette].sort()).toEqual(EXPECTED_PALETTE);
    expect(status.palette).toEqual(expect.arrayContaining(['change', 'switch']));
    for (const type of FORBIDDEN_TYPES) expect(status.palette).not.toContain(type);
    expect(alive(status.pid!)).toBe(true);
    expect(new Date(status.startedAt!).getTime()).toBeGreaterThanOrEqual(t0);
    expect(readyEvents).toHaveLength(1);
    // start() again while running is a no-op, not a second runtime.
    expect((await s.start()).pid).toBe(status.pid);
  });

  it('gives the child only allow-listed variables, never the parent’s database URL or secrets', async () => {
    const planted = {
      DATABASE_URL: 'postgres://app:hunter2@db/prod',
      JWT_SECRET: 'parent-jwt-secret-that-must-not-leak',
      ENCRYPTION_KEY: 'parent-encryption-key-that-must-not-leak',
      SOME_PARENT_SETTING: 'not-for-the-runtime',
    };
    Object.assign(process.env, planted);
    try {
      const dir = tempDir('env');
      const { pid } = await supervise({ env: { FLOW_RUNTIME_DIR: dir } }).start();
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
      const names = environ.map((entry) => entry.slice(0, entry.indexOf('=')));
      const allowed = [
        ...INHERITED_ENV,
        'FLOW_RUNTIME_DIR',
        'LOG_LEVEL',
        'FLOW_RUNTIME_HEARTBEAT_MS',
        'NODE_CHANNEL_FD', // Node's own IPC plumbing, added by fork()
        'NODE_CHANNEL_SERIALIZATION_MODE',
      ];
      expect(names.filter((name) => !allowed.includes(name))).toEqual([]);
      expect(environ).toContain(`FLOW_RUNTIME_DIR=${dir}`);
      expect(environ).toContain('FLOW_RUNTIME_HEARTBEAT_MS=2000');
      for (const value of Object.values(planted)) expect(environ.join('\n')).not.toContain(value);
    } finally {
      for (const name of Object.keys(planted)) delete process.env[name];
    }
  });

  it('refuses to be given secret-looking variables for the child', () => {
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'OPENAI_API_KEY', 'SMTP_PASSWORD']) {
      expect(() => new FlowRuntimeSupervisor({ env: { [name]: 'x' } })).toThrow(UnsafeRuntimeEnvError);
    }
    expect(() => new FlowRuntimeSupervisor({ env: { DB_HOST: 'x', LOG_LEVEL: 'info' } })).toThrow(/refused: DB_HOST$/);
  });

  it('restarts a SIGKILLed runtime within 5 seconds', async () => {
    const s = supervise();
    const seen = exits(s);
    const restarting: number[] = [];
    s.on('restarting', (status) => restarting.push(status.restarts));
    const first = (await s.start()).pid!;
    const killedAt = Date.now();
    process.kill(first, 'SIGKILL');
    await until(() => s.status().state === 'running' && s.status().pid !== first, 5000, 'new runtime running');
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(alive(first)).toBe(false);
    expect(alive(s.status().pid!)).toBe(true);
    expect(s.status()).toMatchObject({ restarts: 1, lastExitCode: null, lastError: 'flow runtime killed by SIGKILL' });
    expect(seen).toEqual([{ pid: first, code: null, signal: 'SIGKILL', expected: false }]);
    expect(restarting).toEqual([1]);
  });

  it('restarts a runtime that stops sending heartbeats', async () => {
    const s = supervise({ heartbeatIntervalMs: 200, heartbeatTimeoutMs: 1000 });
    const first = (await s.start()).pid!;
    process.kill(first, 'SIGSTOP'); // hung: alive but silent
    await until(() => s.status().state === 'running' && s.status().pid !== first, 6000, 'replacement running');
    expect(alive(first)).toBe(false);
    expect(s.status()).toMatchObject({ restarts: 1, lastError: 'flow runtime missed its heartbeat for 1000 ms' });
  });

  it('stops cleanly through the shutdown message and leaves no process behind', async () => {
    const s = supervise();
    const seen = exits(s);
    const { pid } = await s.start();
    const t0 = Date.now();
    await s.stop();
    expect(Date.now() - t0).toBeLessThan(2000); // well inside the 5 s grace: no SIGKILL needed
    expect(s.status()).toMatchObject({ state: 'stopped', pid: null, lastExitCode: 0 });
    expect(seen).toEqual([{ pid, code: 0, signal: null, expected: true }]);
    expect(alive(pid!)).toBe(false);
  });

  it('stops a runtime that is still starting', async () => {
    const s = supervise();
    const starting = s.start();
    const pid = s.status().pid!;
    expect(s.status().state).toBe('starting');
    await s.stop();
    await expect(starting).rejects.toThrow('flow runtime did not start');
    expect(s.status().state).toBe('stopped');
    expect(alive(pid)).toBe(false);
  });

  it('gives up on a crash loop instead of spinning forever', async () => {
    // A real start failure: the user directory cannot be created under a regular file.
    const blocker = join(tempDir('loop'), 'not-a-dir');
    writeFileSync(blocker, '');
    const s = supervise({ env: { FLOW_RUNTIME_DIR: join(blocker, 'runtime') }, maxRestarts: 3 });
    const seen = exits(s);
    const failed: number[] = [];
    s.on('failed', (status) => failed.push(status.restarts));
    await expect(s.start()).rejects.toThrow(/FLOW_RUNTIME_DIR .*not-a-dir\/runtime is not usable: ENOTDIR/);
    await until(() => s.status().state === 'failed', 10_000, 'state failed');
    expect(s.status()).toMatchObject({ state: 'failed', restarts: 3, lastExitCode: 1, pid: null });
    expect(s.status().lastError).toMatch(/is not usable: ENOTDIR/);
    expect(seen.map((exit) => exit.code)).toEqual([1, 1, 1, 1]); // the first host + 3 restarts
    expect(failed).toEqual([3]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(seen).toHaveLength(4); // and nothing after giving up
  });

  it('kills and reports a host that never becomes ready', async () => {
    const silent = join(tempDir('silent'), 'host.js');
    writeFileSync(silent, 'setInterval(() => {}, 1000);\n');
    const s = supervise({ hostScript: silent, readyTimeoutMs: 500, maxRestarts: 0 });
    await expect(s.start()).rejects.toThrow('flow runtime did not report ready within 500 ms');
    expect(s.status()).toMatchObject({ state: 'failed', restarts: 0, lastExitCode: null });
  });
});
