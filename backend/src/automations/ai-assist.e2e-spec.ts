import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMember, as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { DATABASE_KINDS } from '../testing/test-database';

interface Received {
  authorization?: string;
  body: { model: string; messages: Array<{ role: string; content: string }> };
}

/**
 * The composer's AI assist and the AI settings' Test button, through the caption writer the AI
 * caption node uses: offline without a provider (labelled), and against a local OpenAI-compatible
 * server with one (private addresses are allowed here so loopback can stand for the provider).
 */
describe.each(DATABASE_KINDS)('AI assist on %s', (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let workspaceId: string;
  let ai: Server;
  let baseUrl: string;
  const received: Received[] = [];
  let answer: { status: number; content: string } = { status: 200, content: '' };

  beforeAll(async () => {
    ai = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ authorization: req.headers.authorization, body: JSON.parse(data) });
        const body =
          answer.status === 200
            ? {
                id: 'c1',
                object: 'chat.completion',
                created: 1,
                model: 'small',
                choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer.content } }],
              }
            : { error: { message: 'bad key sk-leaked' } };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => ai.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(ai.address() as AddressInfo).port}/v1`;
    t = await startTestApp(kind, { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    owner = await newUser(t, 'owner');
    viewer = await newUser(t, 'viewer');
    workspaceId = await newWorkspace(t, owner, 'Bakery');
    await addMember(t, owner, workspaceId, viewer, 'viewer');
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => ai?.close(r));
  });
  beforeEach(() => {
    received.length = 0;
  });

  const assist = (body: object, user = owner) =>
    t.http.post('/api/v1/ai/caption').set(as(user, workspaceId)).send(body);
  const test = () => t.http.post('/api/v1/automations/ai-settings/test').set(as(owner, workspaceId));

  describe('without a provider', () => {
    it('writes offline, labelled, fitted to the network', async () => {
      const res = await assist({
        action: 'rewrite',
        network: 'x',
        text: 'Five reasons to visit our bakery this weekend. Our sourdough bread is baked at five every morning, with flour from local farms, and it sells out by noon, so come early.',
      }).expect(200);
      expect(res.body).toMatchObject({ generator: 'offline', model: null, maxLength: 280, hashtags: [] });
      expect(res.body.text).toMatch(/^Five reasons to visit our bakery this weekend\./);
      expect([...res.body.text].length).toBeLessThanOrEqual(280);
      expect(res.body.text).not.toMatch(/#Five\b/);
      expect(received).toEqual([]);
    });

    it('suggests hashtags from the workspace’s own tags and the text’s meaningful words, never a number word', async () => {
      await t.http
        .post('/api/v1/posts')
        .set(as(owner, workspaceId))
        .send({
          text: 'Weekend special #SourdoughSunday',
          variants: [
            {
              accountId: (
                await t.http
                  .post('/api/v1/accounts')
                  .set(as(owner, workspaceId))
                  .send({ network: 'sandbox', name: 'Demo' })
                  .expect(201)
              ).body.id,
            },
          ],
        })
        .expect(201);
      const res = await assist({
        action: 'hashtags',
        network: 'instagram',
        text: 'Five loaves of sourdough, twenty croissants: our sourdough is back! #bakery',
      }).expect(200);
      expect(res.body).toMatchObject({ generator: 'offline', text: null });
      expect(res.body.hashtags[0]).toBe('#SourdoughSunday');
      expect(res.body.hashtags).toEqual(expect.arrayContaining(['#Sourdough', '#Croissants', '#Loaves']));
      expect(res.body.hashtags).not.toContain('#Bakery');
      for (const tag of res.body.hashtags) expect(tag).not.toMatch(/^#(Five|Twenty|\d+)$/i);
    });

    it('names the missing or wrong field, and refuses a viewer', async () => {
      const noPrompt = await assist({ action: 'write', network: 'x', text: 'ignored' }).expect(400);
      expect(noPrompt.body.errors.map((e: { field: string }) => e.field)).toEqual(['prompt']);
      const badNetwork = await assist({ action: 'rewrite', network: 'myspace', text: 'x' }).expect(400);
      expect(badNetwork.body.errors.map((e: { field: string }) => e.field)).toEqual(['network']);
      const badTone = await assist({ action: 'rewrite', network: 'x', text: 'x', tone: 'angry' }).expect(400);
      expect(badTone.body.errors.map((e: { field: string }) => e.field)).toEqual(['tone']);
      await assist({ action: 'rewrite', network: 'x', text: 'x' }, viewer).expect(403);
    });

    it('has nothing to test', async () => {
      const res = await test().expect(409);
      expect(res.body.code).toBe('AI_NOT_SET_UP');
    });
  });

  describe('with a provider', () => {
    beforeAll(async () => {
      await t.http
        .put('/api/v1/automations/ai-settings')
        .set(as(owner, workspaceId))
        .send({ baseUrl, model: 'small', apiKey: 'sk-test' })
        .expect(200);
    });

    it('asks the AI to write from a prompt in a tone, for the network’s length', async () => {
      answer = { status: 200, content: 'Autumn is here: pumpkin soup is back on the menu!' };
      const res = await assist({ action: 'write', network: 'x', prompt: 'Our autumn menu', tone: 'witty' }).expect(200);
      expect(res.body).toEqual({
        text: 'Autumn is here: pumpkin soup is back on the menu!',
        hashtags: [],
        generator: 'openai',
        model: 'small',
        maxLength: 280,
      });
      const [call] = received;
      expect(call.authorization).toBe('Bearer sk-test');
      expect(call.body.messages[0].content).toContain('at most 280 characters');
      expect(call.body.messages[0].content).toContain('Write a new caption');
      expect(call.body.messages[0].content).toContain('witty tone');
      expect(call.body.messages[1].content).toBe('Our autumn menu');
    });

    it('rewrites for LinkedIn’s length, and tags with what the AI answered', async () => {
      answer = { status: 200, content: 'A calmer take on our menu.' };
      const rewrite = await assist({ action: 'rewrite', network: 'linkedin', text: 'MENU!!! NOW!!!' }).expect(200);
      expect(rewrite.body).toMatchObject({ text: 'A calmer take on our menu.', maxLength: 3000 });
      expect(received[0].body.messages[0].content).toContain('Rewrite the caption');
      answer = { status: 200, content: '#autumn #menu #soup' };
      const tags = await assist({ action: 'hashtags', network: 'x', text: 'Soup season' }).expect(200);
      expect(tags.body).toMatchObject({ text: null, hashtags: ['#autumn', '#menu', '#soup'], generator: 'openai' });
    });

    it('reports the AI’s refusal by status, never its words', async () => {
      answer = { status: 401, content: '' };
      const res = await assist({ action: 'rewrite', network: 'x', text: 'Hello' }).expect(502);
      expect(res.body.detail).toBe('AI assist: the AI refused the API key (HTTP 401)');
      expect(JSON.stringify(res.body)).not.toContain('sk-leaked');
    });

    it('tests the saved provider', async () => {
      answer = { status: 200, content: 'Hello, friends!' };
      expect((await test().expect(200)).body).toEqual({ model: 'small', sample: 'Hello, friends!' });
      expect(received).toHaveLength(1);
      answer = { status: 500, content: '' };
      const failed = await test().expect(502);
      expect(failed.body.detail).toBe('The test failed: the AI failed (HTTP 500)');
      await t.http.post('/api/v1/automations/ai-settings/test').set(as(viewer, workspaceId)).expect(403);
    });
  });
});
