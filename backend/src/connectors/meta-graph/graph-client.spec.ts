import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readId, readInsights, readGraphTime } from './graph-body';
import { GraphClient } from './graph-client';
import { failureOf } from '../../testing/connector-fixtures';
import { FakeGraphServer, graphError } from '../../testing/fake-graph-server';

describe('GraphClient', () => {
  let fake: FakeGraphServer;
  let graph: GraphClient;

  beforeAll(async () => {
    fake = await FakeGraphServer.start();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    graph = new GraphClient({ apiBaseUrl: fake.apiBaseUrl, clientSecret: 'app-secret' });
  });

  it('posts a form with the token in a header and the appsecret_proof Graph checks', async () => {
    fake.on('POST', '/42/feed', { body: { id: '42_7' } });
    const id = await graph.post(
      '/42/feed',
      'page-token',
      { message: 'Hi', attached_media: [{ media_fbid: '9' }] },
      readId,
    );
    expect(id).toBe('42_7');
    const [call] = fake.calls;
    expect(call.headers.authorization).toBe('OAuth page-token');
    expect(call.params).toEqual({
      message: 'Hi',
      attached_media: '[{"media_fbid":"9"}]',
      appsecret_proof: createHmac('sha256', 'app-secret').update('page-token').digest('hex'),
    });
  });

  it('reads throttling with Retry-After as retry after that long', async () => {
    fake.on('GET', '/42', { ...graphError(32, 'Page request limit reached', 429), headers: { 'retry-after': '90' } });
    expect(await failureOf(graph.get('/42', 't', {}, readId))).toMatchObject({ kind: 'retry', afterMs: 90_000 });
  });

  it("reads Meta's usage header when throttled without Retry-After", async () => {
    const usage = JSON.stringify({ '42': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 5 }] });
    fake.on('GET', '/42', { ...graphError(80001, 'Too many calls'), headers: { 'x-business-use-case-usage': usage } });
    expect(await failureOf(graph.get('/42', 't', {}, readId))).toMatchObject({ kind: 'retry', afterMs: 300_000 });
  });

  it('turns a non-JSON success into retry with the answer in the reason', async () => {
    fake.on('GET', '/42', { body: '<html>maintenance</html>' });
    const failure = await failureOf(graph.get('/42', 't', {}, readId));
    expect(failure).toMatchObject({ kind: 'retry', afterMs: null });
    expect(failure.reason).toContain('GET /v21.0/42');
    expect(failure.reason).toContain('<html>maintenance</html>');
  });

  it('turns a JSON success of the wrong shape into retry', async () => {
    fake.on('GET', '/42', { body: { name: 'no id here' } });
    expect((await failureOf(graph.get('/42', 't', {}, readId))).reason).toContain('not the documented shape');
  });

  it('turns a refused connection into retry', async () => {
    const closed = await FakeGraphServer.start();
    const apiBaseUrl = closed.apiBaseUrl;
    await closed.close();
    const offline = new GraphClient({ apiBaseUrl, clientSecret: '' });
    const failure = await failureOf(offline.get('/42', 't', {}, readId));
    expect(failure).toMatchObject({ kind: 'retry', afterMs: null });
    expect(failure.reason).toContain('ECONNREFUSED');
  });

  it('gives up on a server that never answers and asks for a retry', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const slow = new GraphClient({ apiBaseUrl: `http://127.0.0.1:${port}`, clientSecret: '' }, { timeoutMs: 50 });
    const failure = await failureOf(slow.get('/42', 't', {}, readId));
    silent.closeAllConnections();
    silent.close();
    expect(failure).toMatchObject({ kind: 'retry', reason: 'GET /42: no answer within 50 ms' });
  });
});

describe('Graph answer readers', () => {
  it('reads insights in both the values and total_value shapes', () => {
    const body = {
      data: [
        { name: 'post_impressions', period: 'lifetime', values: [{ value: 120 }] },
        { name: 'reach', total_value: { value: 80 } },
        { name: 'broken', values: [] },
      ],
    };
    expect(readInsights(body)).toEqual(
      new Map([
        ['post_impressions', 120],
        ['reach', 80],
      ]),
    );
  });

  it("reads Graph's +0000 timestamps", () => {
    expect(readGraphTime('2026-11-25T10:00:00+0000')?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(readGraphTime('yesterday')).toBeNull();
  });
});
