import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../automation-engine';
import { as, newUser, newWorkspace, TestUser } from '../../testing/factories';
import { pngOf } from '../../testing/images';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DATABASE_KINDS } from '../../testing/test-database';

const at = (x: number) => ({ x, y: 0 });
const hook = { id: 'hook', type: 'webhook-in', position: at(0), config: { preset: 'zapier' } };
const fromPayload = { accountsFrom: 'payload', link: '{{link}}', text: '{{title}}' };

interface RunBody {
  status: string;
  error: string | null;
  steps: Array<{ nodeId: string; output: Record<string, unknown> | null }>;
}

/** Create draft taking its accounts, link and media from the payload (a Zapier / Make / n8n call), on a real flow runtime. */
describe.each(DATABASE_KINDS)('create-draft from the payload on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let demo: string;
  let news: string;
  const api = () => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  });

  async function settled(runId: string): Promise<RunBody> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { body } = await api().get(`/runs/${runId}`).expect(200);
      if (['succeeded', 'failed', 'stopped', 'interrupted'].includes(body.status)) return body as RunBody;
      if (Date.now() > deadline) throw new Error(`run ${runId} is still ${body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Publishes hook → create draft with this config and runs it on the payload; `dry` tests the draft instead. */
  async function run(config: Record<string, unknown>, payload: Record<string, unknown>, dry = false) {
    const graph = {
      nodes: [hook, { id: 'draft', type: 'create-draft', position: at(1), config }],
      edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'draft', port: 'in' } }],
    };
    const { body } = await api().post('/automations', { name: 'From Zapier', graph }).expect(201);
    if (dry) {
      await api().post(`/automations/${body.id}/nodes/hook/sample`, { source: 'pasted', json: payload }).expect(200);
      return settled(
        (await api().post(`/automations/${body.id}/test-runs`, { nodeId: 'hook' }).expect(202)).body.runId,
      );
    }
    await api().post(`/automations/${body.id}/publish`).expect(200);
    const started = await api().post(`/automations/${body.id}/test`, { nodeId: 'hook', payload }).expect(202);
    return settled(started.body.runId);
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { FLOW_RUNTIME: 'child' });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Zaps Inc');
    demo = (await api().post('/accounts', { network: 'sandbox', name: 'Demo' }).expect(201)).body.id;
    news = (await api().post('/accounts', { network: 'sandbox', name: 'News desk' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  it('offers the payload as a source of accounts, a link field and a media choice in the catalog', async () => {
    const types = (await api().get('/automations/node-types').expect(200)).body.items;
    const fields = types.find((n: { type: string }) => n.type === 'create-draft').config;
    expect(fields.map((f: { key: string }) => f.key)).toEqual([
      'text',
      'accountsFrom',
      'accountIds',
      'link',
      'mediaFrom',
      'labels',
    ]);
    expect(fields[2]).toMatchObject({ requiredWhen: { key: 'accountsFrom', equals: 'settings' } });
  });

  it('drafts for the accounts the payload names (by name or id), with its link and media', async () => {
    const image = await pngOf(8, 8, { r: 51, g: 102, b: 170 });
    const mediaId = (
      await t.http.post('/api/v1/media').set(as(owner, workspaceId)).attach('file', image, 'a.png').expect(201)
    ).body.id;
    const done = await run(fromPayload, {
      title: 'Autumn menu',
      link: 'https://blog.example/autumn',
      accounts: ['news desk'],
      mediaIds: [mediaId],
    });
    expect(done).toMatchObject({ status: 'succeeded', error: null });
    const postId = done.steps.at(-1)!.output!.postId as string;
    const post = (await api().get(`/posts/${postId}`).expect(200)).body;
    expect(post.text).toBe('Autumn menu');
    expect(post.variants).toHaveLength(1);
    expect(post.variants[0]).toMatchObject({
      accountId: news,
      link: 'https://blog.example/autumn',
      mediaIds: [mediaId],
    });

    const byId = await run(fromPayload, { title: 'Two', link: 'https://blog.example/2', accounts: `${demo}, ${news}` });
    const both = (
      await api()
        .get(`/posts/${byId.steps.at(-1)!.output!.postId as string}`)
        .expect(200)
    ).body;
    expect(both.variants.map((v: { accountId: string }) => v.accountId).sort()).toEqual([demo, news].sort());
  });

  it('fails the step naming the field for an unknown account, no accounts, a bad link or a private media URL', async () => {
    const before = (await api().get('/posts').expect(200)).body.items.length;
    const unknown = await run(fromPayload, { title: 'x', link: 'https://a.example', accounts: ['Demo', 'Ghost'] });
    expect(unknown.status).toBe('failed');
    expect(unknown.error).toContain('accounts: no active account "Ghost"');
    const none = await run(fromPayload, { title: 'x', link: 'https://a.example' });
    expect(none.error).toContain('accounts: the payload names no accounts');
    const badLink = await run(fromPayload, { title: 'x', link: 'not a url', accounts: ['Demo'] });
    expect(badLink.error).toContain('link: "not a url" is not an http(s) URL');
    const privateMedia = await run(fromPayload, {
      title: 'x',
      link: 'https://a.example',
      accounts: ['Demo'],
      mediaUrls: ['http://127.0.0.1:9/a.png'],
    });
    expect(privateMedia.error).toContain('mediaUrls: "http://127.0.0.1:9/a.png" could not be fetched');
    // No draft was left behind without the accounts or media it asked for.
    expect((await api().get('/posts').expect(200)).body.items).toHaveLength(before);
  });

  it('keeps the settings as the source by default, and leaves media out when told to', async () => {
    const done = await run(
      { text: '{{title}}', accountIds: [demo], mediaFrom: 'none' },
      { title: 'Settings win', accounts: ['News desk'], mediaIds: ['0193a1b2-0000-7000-8000-000000000000'] },
    );
    expect(done.status).toBe('succeeded');
    const post = (
      await api()
        .get(`/posts/${done.steps.at(-1)!.output!.postId as string}`)
        .expect(200)
    ).body;
    expect(post.variants).toMatchObject([{ accountId: demo, link: null, mediaIds: [] }]);
  });

  it('says in a test of the draft what it would have drafted, with the same checks', async () => {
    const payload = {
      title: 'Dry',
      link: 'https://blog.example/dry',
      accounts: ['Demo'],
      mediaUrls: ['https://cdn.example/a.jpg'],
    };
    const dry = await run(fromPayload, payload, true);
    expect(dry.status).toBe('succeeded');
    expect(dry.steps.at(-1)!.output!.simulated).toEqual({
      action: 'create-draft',
      post: {
        text: 'Dry',
        labels: [],
        accounts: [{ id: demo, network: 'sandbox', name: 'Demo' }],
        link: 'https://blog.example/dry',
        mediaUrls: ['https://cdn.example/a.jpg'],
      },
    });
    const refused = await run(fromPayload, { ...payload, accounts: ['Ghost'] }, true);
    expect(refused.error).toContain('accounts: no active account "Ghost"');
  });
});
