import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';
import { FlowRuntimeService } from './flow-runtime.service';

/** Debian's unprivileged `nobody`: any user other than ours would do. */
const NOBODY = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;

/** The API's embedded flow runtime: a real supervised Node-RED child process. */
describe('embedded flow runtime', () => {
  let t: TestApp;
  let runtime: FlowRuntimeService;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { FLOW_RUNTIME: 'child' });
    runtime = t.app.get(FlowRuntimeService);
    await runtime.start();
  });
  afterAll(() => t?.close());

  it('runs and is reported by /readyz', async () => {
    const res = await t.http.get('/readyz');
    expect(res.body.checks.flowRuntime).toBe('running');
    expect(runtime.status().details?.nodeRedVersion).toMatch(/^4\.1\./);
  });

  it('gives the child no database URL and no secrets', () => {
    const pid = runtime.status().details!.pid!;
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const names = environ.map((entry) => entry.split('=')[0]);
    expect(names).toContain('FLOW_RUNTIME_DIR');
    expect(names).not.toContain('DATABASE_URL');
    expect(names).not.toContain('JWT_SECRET');
    expect(environ.join('\n')).not.toContain(t.config.jwtSecret);
    expect(environ.join('\n')).not.toContain(t.config.databaseUrl);
  });

  it('loads only the allow-listed palette', () => {
    const palette = runtime.status().details!.palette;
    expect(palette).toEqual(expect.arrayContaining(['change', 'switch', 'delay', 'json']));
    for (const forbidden of [
      'function',
      'exec',
      'file',
      'file in',
      'http in',
      'http request',
      'tcp in',
      'udp in',
      'websocket in',
      'mqtt in',
      'watch',
    ]) {
      expect(palette).not.toContain(forbidden);
    }
  });
});

/** Switching users needs root; CI runs as root, so there this always runs. */
describe.skipIf(!isRoot)('the flow runtime as its own OS user (FLOW_RUNTIME_USER, API run as root)', () => {
  let t: TestApp;
  let runtime: FlowRuntimeService;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'so-data-'));
    chmodSync(dataDir, 0o755); // as an operator might leave it: the API must close it
    t = await startTestApp('sqlite', {
      FLOW_RUNTIME: 'child',
      FLOW_RUNTIME_USER: `${NOBODY.uid}:${NOBODY.gid}`,
      DATA_DIR: dataDir,
    });
    runtime = t.app.get(FlowRuntimeService);
    await runtime.start();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-flow-runtime`, { recursive: true, force: true });
  });

  it('runs the child as that user, with its own directory beside DATA_DIR', () => {
    expect(runtime.status().state).toBe('running');
    const status = readFileSync(`/proc/${runtime.status().details!.pid}/status`, 'utf8');
    expect(status).toMatch(new RegExp(`^Uid:\\t${NOBODY.uid}\\t${NOBODY.uid}\\t${NOBODY.uid}\\t${NOBODY.uid}$`, 'm'));
    expect(status).toMatch(new RegExp(`^Gid:\\t${NOBODY.gid}\\t`, 'm'));
    const own = statSync(`${dataDir}-flow-runtime`);
    expect({ uid: own.uid, mode: own.mode & 0o777 }).toEqual({ uid: NOBODY.uid, mode: 0o700 });
  });

  it('leaves DATA_DIR (the generated secrets) and the API’s environment unreadable to that user', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toContain('encryption'); // it is there
    const attempt = (code: string) =>
      spawnSync(process.execPath, ['-e', code], { ...NOBODY, env: {}, encoding: 'utf8' });
    for (const path of [join(dataDir, 'secrets.json'), `/proc/${process.pid}/environ`]) {
      const read = attempt(`require('fs').readFileSync(${JSON.stringify(path)})`);
      expect(read.status, path).not.toBe(0);
      expect(read.stderr, path).toMatch(/EACCES|EPERM/);
    }
    expect(attempt(`require('fs').readdirSync(${JSON.stringify(dataDir)})`).stderr).toMatch(/EACCES/);
  });
});
