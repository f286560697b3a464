import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNetwork } from '../../testing/fake-network';
import { isTid, postRecordKey } from './bluesky.rkey';
import { threadPartKey } from './bluesky.connector';
import { postText, richText } from './bluesky.text';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** The text a facet covers, cut out by its UTF-8 byte range as Bluesky's apps do. */
const covered = (text: string, index: { byteStart: number; byteEnd: number }) =>
  utf8(text).subarray(index.byteStart, index.byteEnd).toString('utf8');

describe('Bluesky post text', () => {
  let pds: FakeNetwork;
  let agent: AtpAgent;

  beforeAll(async () => {
    pds = await FakeNetwork.start();
    pds.on('GET', '/xrpc/com.atproto.identity.resolveHandle', (request) =>
      request.query.get('handle') === 'alice.bsky.social'
        ? { json: { did: 'did:plc:alice' } }
        : { status: 400, json: { error: 'InvalidRequest', message: 'Unable to resolve handle' } },
    );
    agent = new AtpAgent({ service: pds.url });
  });
  afterAll(() => pds?.close());

  it('puts links, hashtags and resolved mentions at UTF-8 byte ranges after emoji and accents', async () => {
    const text = 'Café ☕ and 👩‍👩‍👧 for @alice.bsky.social — #Frühstück at https://example.com/menü?x=1 😀';
    const { text: sent, facets = [] } = await richText(agent, text);

    expect(sent).toBe(text);
    const features = facets.map((f) => [covered(text, f.index), f.features[0]]);
    expect(features).toEqual([
      ['@alice.bsky.social', { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:alice' }],
      ['#Frühstück', { $type: 'app.bsky.richtext.facet#tag', tag: 'Frühstück' }],
      ['https://example.com/menü?x=1', { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/menü?x=1' }],
    ]);
    // UTF-16 offsets would be off by the emoji and accents before them.
    const mention = facets[0].index;
    expect(mention.byteStart).toBe(utf8('Café ☕ and 👩‍👩‍👧 for ').length);
    expect(mention.byteStart).not.toBe(text.indexOf('@'));
  });

  it('leaves a mention whose handle does not resolve as plain text', async () => {
    const { facets } = await richText(agent, 'hi @nobody.bsky.social and https://a.example');
    expect(facets?.map((f) => f.features[0].$type)).toEqual(['app.bsky.richtext.facet#link']);
  });

  it('has no facets for plain text', async () => {
    expect(await richText(agent, 'just words ✨')).toEqual({ text: 'just words ✨' });
  });

  it('adds the link to the text only when media take the embed, and only once', () => {
    expect(postText('Menu', 'https://a.example', false)).toBe('Menu');
    expect(postText('Menu', 'https://a.example', true)).toBe('Menu\n\nhttps://a.example');
    expect(postText('See https://a.example', 'https://a.example', true)).toBe('See https://a.example');
  });
});

describe('Bluesky record keys', () => {
  it('are valid TIDs, the same for every attempt of one job and different between jobs and parts', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => postRecordKey(`job-${i}`, 0));
    expect(keys.every(isTid)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(postRecordKey('job-7', 0)).toBe(keys[7]);
    expect(postRecordKey('job-7', 1)).not.toBe(keys[7]);
  });

  it('derive each thread part from the first post key, so the first post URI is enough to find them', () => {
    const root = postRecordKey('0b5e8f7e-4c1b-4a55-9a43-1f0e8c2d9b10', 0);
    const parts = [1, 2, 3].map((part) => threadPartKey(root, part));
    expect(parts.every(isTid)).toBe(true);
    expect(new Set([root, ...parts]).size).toBe(4);
    expect(threadPartKey(root, 2)).toBe(parts[1]);
  });

  it('read as times after Bluesky opened and before now (a TID is microseconds since 1970)', () => {
    const alphabet = '234567abcdefghijklmnopqrstuvwxyz';
    const micros = (tid: string) => [...tid].reduce((n, c) => n * 32n + BigInt(alphabet.indexOf(c)), 0n) >> 10n;
    for (const key of ['a', 'b', 'c'].map((k) => postRecordKey(k, 0))) {
      const at = Number(micros(key) / 1000n);
      expect(at).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1));
      expect(at).toBeLessThan(Date.UTC(2024, 3, 1));
    }
  });
});
