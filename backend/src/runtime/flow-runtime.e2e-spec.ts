import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TestApp } from '../testing/test-app';
import { FlowRuntimeService } from './flow-runtime.service';

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
