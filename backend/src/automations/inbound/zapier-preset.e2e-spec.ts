import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';
import { Run } from '../run.entity';

const graph = {
  nodes: [
    { id: 'zap', type: 'webhook-in', position: { x: 0, y: 0 }, config: { preset: 'zapier' } },
    {
      id: 'draft',
      type: 'create-draft',
      position: { x: 300, y: 0 },
      config: { text: '{{title}} {{link}}', accountIds: ['*'] },
    },
  ],
  edges: [{ from: { node: 'zap', port: 'out' }, to: { node: 'draft', port: 'in' } }],
};

/** What Zapier's "Webhooks by Zapier", Make's HTTP module and n8n's HTTP Request node send. */
const zapBody = {
  text: 'Our autumn menu is here',
  title: 'Autumn menu',
  link: 'https://blog.example/autumn',
  media_urls: 'https://blog.example/a.jpg, https://blog.example/b.jpg',
  accounts: ['Acme on Mastodon'],
  scheduled_at: '2026-12-24T09:00:00Z',
};

describe.each(DATABASE_KINDS)('the Zapier / Make / n8n hook preset on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let hook: { hookId: string; secret: string };

  const key = async (scopes: string[], workspace = workspaceId) =>
    (await t.http.post('/api/v1/api-keys').set(as(owner, workspace)).send({ name: 'Zapier', scopes }).expect(201)).body
      .key as string;
  const call = (headers: Record<string, string>, body: object = zapBody) =>
    t.http
      .post(`/api/v1/hooks/${hook.hookId}`)
      .set({ 'content-type': 'application/json', ...headers })
      .send(JSON.stringify(body));

  beforeAll(async () => {
    t = await startTestApp(kind);
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Zaps Inc');
    const automation = await t.http
      .post('/api/v1/automations')
      .set(as(owner, workspaceId))
      .send({ name: 'From Zapier', graph })
      .expect(201);
    await t.http.post(`/api/v1/automations/${automation.body.id}/publish`).set(as(owner, workspaceId)).expect(200);
    hook = (
      await t.http.post(`/api/v1/automations/${automation.body.id}/hooks`).set(as(owner, workspaceId)).expect(201)
    ).body;
  });
  afterAll(() => t?.close());

  it('takes an API key in a header and maps the generic body to fields', async () => {
    const res = await call({ Authorization: `Bearer ${await key(['automations:write'])}` });
    expect(res.status).toBe(202);
    const run = await t.db.getRepository(Run).findOneByOrFail({ id: res.body.runIds[0] });
    expect(run.input).toMatchObject({
      text: 'Our autumn menu is here',
      title: 'Autumn menu',
      link: 'https://blog.example/autumn',
      mediaUrls: ['https://blog.example/a.jpg', 'https://blog.example/b.jpg'],
      accounts: ['Acme on Mastodon'],
      scheduledAt: '2026-12-24T09:00:00Z',
      raw: zapBody,
    });
  });

  it('takes the key as X-Api-Key too, and refuses a repeated X-Request-Id', async () => {
    const headers = { 'X-Api-Key': await key(['automations:write']), 'X-Request-Id': 'zap-run-42' };
    expect((await call(headers)).status).toBe(202);
    expect((await call(headers)).status).toBe(409);
  });

  it('accepts a call signed with the hook secret', async () => {
    const body = JSON.stringify(zapBody);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', hook.secret).update(`${timestamp}.${body}`).digest('hex');
    const res = await t.http
      .post(`/api/v1/hooks/${hook.hookId}`)
      .set({
        'content-type': 'application/json',
        'X-Timestamp': String(timestamp),
        'X-Signature': `sha256=${signature}`,
      })
      .send(body);
    expect(res.status).toBe(202);
  });

  it('refuses a key without automations:write, a key of another workspace, and no credentials', async () => {
    const readOnly = await call({ Authorization: `Bearer ${await key(['posts:write'])}` });
    expect(readOnly.status).toBe(401);
    expect(readOnly.body.detail).toContain('automations:write');
    const elsewhere = await newWorkspace(t, owner, 'Elsewhere');
    expect((await call({ Authorization: `Bearer ${await key(['automations:write'], elsewhere)}` })).status).toBe(401);
    expect((await call({ Authorization: 'Bearer so_notarealkey1_xxxxxxxx' })).status).toBe(401);
    expect((await call({})).status).toBe(401);
  });
});
