import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiSettings } from './ai-settings.entity';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

/**
 * The AI endpoint is an address the server POSTs to for a tenant: one on our own network is refused
 * when it is saved (and again on each connection, see caption-writer.spec), with a real local
 * server standing for an internal service that must never be asked.
 */
describe.each(DATABASE_KINDS)('AI settings on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let internal: Server;
  let port: number;
  let requests = 0;

  beforeAll(async () => {
    internal = createServer((_req, res) => {
      requests++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    port = (internal.address() as AddressInfo).port;
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'AI Inc');
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => internal?.close(resolve));
  });

  const save = (baseUrl: string) =>
    t.http
      .put('/api/v1/automations/ai-settings')
      .set(as(owner, workspaceId))
      .send({ baseUrl, model: 'small', apiKey: 'sk-test' });

  it.each([
    (p: number) => `http://127.0.0.1:${p}/v1`,
    (p: number) => `http://localhost:${p}/v1`,
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/v1`,
    (p: number) => `http://[::1]:${p}/v1`,
    () => 'http://169.254.169.254/latest/meta-data',
    () => 'http://168.63.129.16/machine',
    () => 'http://[64:ff9b::a9fe:a9fe]/v1',
  ])('refuses a private address when it is saved (%#), naming baseUrl', async (address) => {
    const res = await save(address(port)).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION');
    expect(res.body.errors).toEqual([{ field: 'baseUrl', message: expect.stringContaining('private network') }]);
    expect(await t.db.getRepository(AiSettings).countBy({ workspaceId })).toBe(0);
    expect(requests).toBe(0);
  });

  it('saves a public address without calling it', async () => {
    const res = await save('https://93.184.216.34/v1').expect(200);
    expect(res.body).toEqual({ baseUrl: 'https://93.184.216.34/v1', model: 'small', hasKey: true });
    expect(requests).toBe(0);
  });
});
