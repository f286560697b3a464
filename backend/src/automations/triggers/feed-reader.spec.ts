import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError, itemsToSend, readFeed } from './feed-reader';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cafe blog</title>
<item><title>Autumn menu</title><link>https://cafe.example/autumn</link><guid>a-1</guid><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate><description>&lt;p&gt;Pumpkin soup is back&lt;/p&gt;</description><category>food</category></item>
<item><title>Opening hours</title><link>https://cafe.example/hours</link><guid>a-2</guid><pubDate>Tue, 10 Nov 2026 09:00:00 GMT</pubDate><description>New hours</description></item>
<item><title>Launch party</title><link>https://cafe.example/launch</link><pubDate>Wed, 18 Nov 2026 09:00:00 GMT</pubDate><description>Join us</description></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Dev notes</title>
<entry><title>First</title><link href="https://dev.example/1"/><id>urn:1</id><updated>2026-11-01T10:00:00Z</updated><summary>One</summary></entry>
<entry><title>Second</title><link href="https://dev.example/2"/><id>urn:2</id><updated>2026-11-02T10:00:00Z</updated><summary>Two</summary></entry>
</feed>`;

describe('reading feeds', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/redirect') return res.writeHead(302, { location: '/rss' }).end();
      if (req.url === '/huge') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(`<rss>${'x'.repeat(6 * 1024 * 1024)}</rss>`);
      }
      const body = { '/rss': RSS, '/atom': ATOM, '/page': '<html><body>hello</body></html>' }[req.url ?? ''];
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('reads RSS 2.0 items newest first, keyed by guid or else link', async () => {
    const items = await readFeed(`${base}/rss`, { allowPrivate: true });
    expect(items.map((i) => [i.key, i.title])).toEqual([
      ['https://cafe.example/launch', 'Launch party'],
      ['a-2', 'Opening hours'],
      ['a-1', 'Autumn menu'],
    ]);
    expect(items[2]).toMatchObject({
      link: 'https://cafe.example/autumn',
      summary: 'Pumpkin soup is back',
      categories: ['food'],
      publishedAt: '2026-11-02T09:00:00.000Z',
      feedTitle: 'Cafe blog',
    });
  });

  it('reads Atom entries', async () => {
    const items = await readFeed(`${base}/atom`, { allowPrivate: true });
    expect(items.map((i) => [i.key, i.link])).toEqual([
      ['urn:2', 'https://dev.example/2'],
      ['urn:1', 'https://dev.example/1'],
    ]);
  });

  it('says clearly what is wrong with a feed it cannot use', async () => {
    await expect(readFeed(`${base}/missing`, { allowPrivate: true })).rejects.toThrow('answered HTTP 404');
    await expect(readFeed(`${base}/page`, { allowPrivate: true })).rejects.toThrow(FeedError);
    await expect(readFeed(`${base}/rss`, { allowPrivate: false })).rejects.toThrow('is on a private network');
    // A redirect could lead anywhere, a private address included.
    await expect(readFeed(`${base}/redirect`, { allowPrivate: true })).rejects.toThrow('could not be fetched');
    await expect(readFeed(`${base}/huge`, { allowPrivate: true })).rejects.toThrow('larger than 5 MB');
  });

  it('sends only unseen items, oldest first, and on the first poll only the backfill', async () => {
    const items = await readFeed(`${base}/rss`, { allowPrivate: true });
    expect(itemsToSend(items, new Set(), true, 0)).toEqual([]);
    expect(itemsToSend(items, new Set(), true, 2).map((i) => i.title)).toEqual(['Opening hours', 'Launch party']);
    expect(itemsToSend(items, new Set(['a-1', 'a-2']), false, 0).map((i) => i.title)).toEqual(['Launch party']);
  });
});
