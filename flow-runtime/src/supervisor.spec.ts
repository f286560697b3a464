import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowRuntimeSupervisor } from './supervisor';

const HOST = join(__dirname, '..', 'dist', 'host.js');
const FORBIDDEN = [
  'function',
  'exec',
  'file',
  'file in',
  'watch',
  'http in',
  'http request',
  'http response',
  'tcp in',
  'udp in',
  'websocket in',
  'mqtt in',
];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('FlowRuntimeSupervisor', () => {
  let supervisor: FlowRuntimeSupervisor | null = null;

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = null;
  });

  it('starts Node-RED with only the allow-listed palette', async () => {
    supervisor = new FlowRuntimeSupervisor({ hostScript: HOST });
    const status = await supervisor.start();
    expect(status.state).toBe('running');
    expect(status.nodeRedVersion).toMatch(/^4\.1\./);
    expect(status.palette).toEqual(expect.arrayContaining(['change', 'switch', 'delay', 'split', 'join', 'json']));
    for (const type of FORBIDDEN) expect(status.palette).not.toContain(type);
    expect(alive(status.pid!)).toBe(true);
  });

  it('passes the child only allow-listed variables, never the parent’s secrets', async () => {
    process.env.DATABASE_URL = 'postgres://secret@db/prod';
    process.env.JWT_SECRET = 'parent-secret-value-that-must-not-leak';
    try {
      supervisor = new FlowRuntimeSupervisor({ hostScript: HOST, env: { FLOW_RUNTIME_DIR: '/tmp/so-flow-spec' } });
      const { pid } = await supervisor.start();
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      expect(environ).toContain('FLOW_RUNTIME_DIR=/tmp/so-flow-spec');
      expect(environ).not.toContain('DATABASE_URL');
      expect(environ).not.toContain('parent-secret-value-that-must-not-leak');
    } finally {
      delete process.env.DATABASE_URL;
      delete process.env.JWT_SECRET;
    }
  });

  it('restarts a killed runtime within 5 seconds', async () => {
    supervisor = new FlowRuntimeSupervisor({ hostScript: HOST });
    const first = (await supervisor.start()).pid!;
    const killedAt = Date.now();
    process.kill(first, 'SIGKILL');
    await until(() => supervisor!.status().state === 'running' && supervisor!.status().pid !== first, 5000);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(supervisor.status()).toMatchObject({ restarts: 1, lastExitCode: null });
    expect(alive(supervisor.status().pid!)).toBe(true);
  });

  it('restarts a runtime that stops sending heartbeats', async () => {
    supervisor = new FlowRuntimeSupervisor({ hostScript: HOST, heartbeatTimeoutMs: 1500 });
    const first = (await supervisor.start()).pid!;
    process.kill(first, 'SIGSTOP'); // hung: alive but silent
    await until(() => supervisor!.status().state === 'running' && supervisor!.status().pid !== first, 8000);
    expect(supervisor.status().restarts).toBe(1);
  });

  it('stops cleanly and leaves no process behind', async () => {
    supervisor = new FlowRuntimeSupervisor({ hostScript: HOST });
    const { pid } = await supervisor.start();
    await supervisor.stop();
    expect(supervisor.status().state).toBe('stopped');
    await until(() => !alive(pid!), 2000);
  });

  it('gives up on a crash loop instead of spinning forever', async () => {
    supervisor = new FlowRuntimeSupervisor({
      hostScript: HOST,
      env: { FLOW_RUNTIME_FAIL_ON_START: '1' },
      maxRestarts: 3,
      restartWindowMs: 60_000,
    });
    await expect(supervisor.start()).rejects.toThrow('start failure requested');
    await until(() => supervisor!.status().state === 'failed', 10_000);
    expect(supervisor.status()).toMatchObject({ state: 'failed', restarts: 3, lastExitCode: 1 });
  });
});
