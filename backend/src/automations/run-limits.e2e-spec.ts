import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationEngine } from './automation-engine';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

const at = (x: number) => ({ x, y: 0 });

/**
 * The concurrent-runs limit, on a real runtime: runs beyond it wait `queued` and are handed over
 * as room frees, oldest first, each exactly once. A run stays in flight while its AI caption waits
 * on a local OpenAI-compatible endpoint that holds every request until the test answers it.
 */
describe.each(DATABASE_KINDS)('concurrent runs per workspace on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  let receiver: Server;
  let url: string;
  const held: Array<{ n: number; res: ServerResponse }> = [];
  const received: number[] = [];
  let mostAtOnce = 0;

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const n = Number(/Item (\d+)/.exec(body)?.[1]);
        received.push(n);
        held.push({ n, res });
        mostAtOnce = Math.max(mostAtOnce, held.length);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1`;
    t = await startTestApp(kind, {
      FLOW_RUNTIME: 'child',
      FLOW_MAX_CONCURRENT_RUNS: '2',
      OUTBOUND_ALLOW_PRIVATE_URLS: 'true',
    });
    await t.app.get(AutomationEngine).start();
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Limits Inc');
    await api.put('/automations/ai-settings', { baseUrl: url, model: 'held', apiKey: 'sk-test' }).expect(200);
  });
  afterAll(async () => {
    for (const { res } of held.splice(0)) res.end();
    await t?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const api = {
    get: (path: string) => t.http.get(`/api/v1${path}`).set(as(owner, workspaceId)),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set(as(owner, workspaceId)).send(body),
  };
  /** What the endpoint answers for request n once the test lets it go. */
  const completion = (n: number) =>
    JSON.stringify({
      id: `c${n}`,
      object: 'chat.completion',
      created: 0,
      model: 'held',
      choices: [{ index: 0, message: { role: 'assistant', content: `Caption ${n}` }, finish_reason: 'stop' }],
    });
  const until = async (what: string, check: () => Promise<boolean> | boolean) => {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      if (await check()) return;
    }
    throw new Error(`timed out waiting until ${what}`);
  };
  const statuses = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await api.get(`/runs/${id}`).expect(200)).body.status as string));

  it('holds runs beyond the limit in the queue and hands each over once as room frees', async () => {
    const { body: automation } = await api
      .post('/automations', {
        name: 'Caption slowly',
        graph: {
          nodes: [
            { id: 'hook', type: 'webhook-in', position: at(0), config: {} },
            { id: 'caption', type: 'ai-caption', position: at(1), config: { source: 'Item {{n}}' } },
          ],
          edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'caption', port: 'in' } }],
        },
      })
      .expect(201);
    await api.post(`/automations/${automation.id}/publish`).expect(200);

    const runIds: string[] = [];
    for (let n = 0; n < 5; n++) {
      const { body } = await api.post(`/automations/${automation.id}/test`, { nodeId: 'hook', payload: { n } });
      runIds.push(body.runId);
    }
    await until('two requests are held', () => held.length === 2);
    expect(await statuses(runIds)).toEqual(['running', 'running', 'queued', 'queued', 'queued']);

    // Each answer frees a place: the oldest queued run takes it, never a third at once. The next
    // answer waits for that run's request, so no two queued runs race each other to the endpoint.
    for (let answered = 0; answered < 5; answered++) {
      const inFlight = Math.min(2, 5 - answered);
      await until(`${inFlight} requests are held`, () => held.length === inFlight);
      const { n, res } = held.shift()!;
      res.writeHead(200, { 'content-type': 'application/json' }).end(completion(n));
    }
    await until('every run succeeded', async () => (await statuses(runIds)).every((s) => s === 'succeeded'));
    const { body: last } = await api.get(`/runs/${runIds[4]}`).expect(200);
    expect(last.steps.at(-1).output).toMatchObject({ caption: 'Caption 4', generator: 'openai' });
    // The first two were in flight together (either may reach the endpoint first); the queued
    // ones came one at a time, oldest first.
    expect(received.slice(0, 2).sort()).toEqual([0, 1]);
    expect(received.slice(2)).toEqual([2, 3, 4]);
    expect(mostAtOnce).toBe(2);

    // Two of two at once crossed 80 % of the limit: the owner was told once today, however often
    // the workspace was at it since.
    const { body: bell } = await api.get('/notifications').expect(200);
    const near = bell.items.filter((n: { kind: string }) => n.kind === 'limit_near');
    expect(near).toEqual([
      expect.objectContaining({
        title: 'Automations are near their limit of runs at once',
        link: `/w/${workspaceId}/automations`,
        count: 1,
      }),
    ]);
    expect(near[0].body).toContain('2 of the 2 runs');
  });
});
