import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiCaption, aiHashtags, CaptionError, fitText, offlineCaption, offlineHashtags } from './caption-writer';

const SOURCE =
  '<p>Our autumn menu is here. Pumpkin soup, roasted chestnuts and spiced pumpkin bread are back.</p>' +
  '<p>Come taste the autumn menu this weekend: pumpkin everything, chestnuts and warm bread.</p>';

describe('offline captions', () => {
  it('summarises the first sentences and adds hashtags from the most frequent words', () => {
    expect(offlineCaption({ source: SOURCE, instructions: '', maxLength: 280 })).toEqual({
      text: 'Our autumn menu is here. Pumpkin soup, roasted chestnuts and spiced pumpkin bread are back. #Pumpkin #Autumn #Bread',
      generator: 'offline',
      model: null,
    });
  });

  it('drops hashtags, then cuts at a word, to fit a short limit', () => {
    expect(offlineCaption({ source: SOURCE, instructions: '', maxLength: 40 }).text).toBe(
      'Our autumn menu is here. #Pumpkin',
    );
    const tiny = offlineCaption({ source: SOURCE, instructions: '', maxLength: 20 }).text;
    expect(tiny).toBe('Our autumn menu is…');
    expect([...tiny].length).toBeLessThanOrEqual(20);
  });

  it('never makes a hashtag of a number, a number word or a stop word', () => {
    const source =
      'Five tips for better sleep in 2027: five minutes of reading, twenty minutes without screens, and sleep before eleven. ' +
      'These tips work; first try one, then three.';
    expect(offlineHashtags(source, 3)).toEqual(['#Minutes', '#Sleep', '#Tips']);
    const tags = offlineHashtags(source, 20);
    for (const noise of ['#Five', '#Twenty', '#Eleven', '#First', '#Three', '#These', '#Then', '#2027', '#Before'])
      expect(tags).not.toContain(noise);
    expect(offlineCaption({ source, instructions: '', maxLength: 280 }).text).toMatch(/ #Minutes #Sleep #Tips$/);
  });

  it('offers no hashtag when the text has no meaningful word', () => {
    expect(offlineHashtags('One, two, three — four and five!', 3)).toEqual([]);
    expect(offlineCaption({ source: 'One, two, three.', instructions: '', maxLength: 100 }).text).toBe(
      'One, two, three.',
    );
  });

  it('fits text by graphemes at a word boundary', () => {
    expect(fitText('short', 10)).toBe('short');
    expect(fitText('one two three four', 12)).toBe('one two…');
  });
});

describe('AI captions against an OpenAI-compatible server', () => {
  let server: Server;
  let baseUrl: string;
  const received: Array<{
    url?: string;
    authorization?: string;
    body: { model: string; messages: Array<{ content: string }> };
  }> = [];
  let answer: { status: number; body: object; headers?: Record<string, string> } = { status: 200, body: {} };
  /** The endpoint is on loopback: reaching it needs the configuration that allows private addresses. */
  const LOCAL = { allowPrivate: true };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ url: req.url, authorization: req.headers.authorization, body: JSON.parse(data) });
        res
          .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
          .end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const completion = (content: string) => ({
    id: 'c1',
    object: 'chat.completion',
    created: 1,
    model: 'small',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
  });

  it('asks the model with the key and the limit, and holds the answer to the limit', async () => {
    answer = {
      status: 200,
      body: completion('Autumn is served: pumpkin soup, chestnuts and warm bread all weekend long!'),
    };
    const caption = await aiCaption(
      { baseUrl, apiKey: 'sk-test', model: 'small' },
      { source: SOURCE, instructions: 'One emoji.', maxLength: 50 },
      LOCAL,
    );
    expect(caption.generator).toBe('openai');
    expect(caption.model).toBe('small');
    expect([...caption.text].length).toBeLessThanOrEqual(50);
    expect(caption.text).toBe('Autumn is served: pumpkin soup, chestnuts and…');
    const [call] = received;
    expect(call.authorization).toBe('Bearer sk-test');
    expect(call.body.model).toBe('small');
    expect(call.body.messages[0].content).toContain('at most 50 characters');
    expect(call.body.messages[0].content).toContain('One emoji.');
    expect(call.body.messages[1].content).toContain('Our autumn menu is here.');
  });

  it('asks for hashtags and keeps only the hashtags of the answer', async () => {
    answer = { status: 200, body: completion('Sure! Here you go: #AutumnMenu #pumpkin #Local, enjoy #5') };
    const tags = await aiHashtags({ baseUrl, apiKey: 'sk-test', model: 'small' }, SOURCE, 3, LOCAL);
    expect(tags).toEqual(['#AutumnMenu', '#pumpkin', '#Local']);
    expect(received.at(-1)!.body.messages[0].content).toContain('up to 3 relevant hashtags');
  });

  it('reports a refusal by its status, never repeating what the provider answered', async () => {
    answer = {
      status: 401,
      body: {
        error: { message: 'Incorrect API key provided; internal token ghp_SECRET', type: 'invalid_request_error' },
      },
    };
    const failing = aiCaption(
      { baseUrl, apiKey: 'bad', model: 'small' },
      { source: SOURCE, instructions: '', maxLength: 100 },
      LOCAL,
    );
    await expect(failing).rejects.toBeInstanceOf(CaptionError);
    await expect(failing).rejects.toThrow('the AI refused the API key (HTTP 401)');
    await expect(failing).rejects.not.toThrow(/Incorrect|ghp_SECRET/);

    answer = { status: 500, body: { error: { message: '<html>admin console: db password hunter2</html>' } } };
    const broken = aiCaption(
      { baseUrl, apiKey: 'k', model: 'small' },
      { source: SOURCE, instructions: '', maxLength: 100 },
      LOCAL,
    );
    await expect(broken).rejects.toThrow('the AI failed (HTTP 500)');
    await expect(broken).rejects.not.toThrow(/hunter2/);
  });

  it('refuses an endpoint on a private address on the connection, sending nothing', async () => {
    const before = received.length;
    for (const address of [baseUrl, baseUrl.replace('127.0.0.1', 'localhost')]) {
      const refused = aiCaption(
        { baseUrl: address, apiKey: 'sk-test', model: 'small' },
        { source: SOURCE, instructions: '', maxLength: 100 },
        { allowPrivate: false },
      );
      await expect(refused).rejects.toBeInstanceOf(CaptionError);
      await expect(refused).rejects.toThrow(/the AI's address is refused: .* is on a private network/);
    }
    expect(received.length).toBe(before);
  });

  it('follows no redirect from the endpoint', async () => {
    answer = { status: 307, body: {}, headers: { location: `${baseUrl}/elsewhere` } };
    const before = received.length;
    const redirected = aiCaption(
      { baseUrl, apiKey: 'sk-test', model: 'small' },
      { source: SOURCE, instructions: '', maxLength: 100 },
      LOCAL,
    );
    await expect(redirected).rejects.toThrow('the AI could not be reached');
    // The first request (and the SDK's one retry) reached the endpoint; the redirect's target did not.
    expect(received.length - before).toBeLessThanOrEqual(2);
    expect(received.slice(before).every((r) => r.url === '/v1/chat/completions')).toBe(true);
  });
});
