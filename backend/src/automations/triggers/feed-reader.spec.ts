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

/** Items as real feeds write them: the cases that each used to fail the whole feed. */
const MESSY_RSS = `<?xml version="1.0"?><rss><channel><title>Messy blog</title>
<item><title>Bad date</title><link>https://messy.example/date</link><guid>m-1</guid><pubDate>sometime last week</pubDate></item>
<item><title>Empty guid</title><link>https://messy.example/empty-guid</link><guid isPermaLink="false"></guid><pubDate>Mon, 02 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Guid with attributes</title><link>https://messy.example/attr</link><guid isPermaLink="true">https://messy.example/attr</guid><category domain="x">news</category><pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate></item>
<item><description>Neither title nor link</description><pubDate>Wed, 04 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Repeated</title><link>https://messy.example/r1</link><guid>dup</guid><pubDate>Thu, 05 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Repeated again</title><link>https://messy.example/r2</link><guid>dup</guid><pubDate>Fri, 06 Nov 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;
const MESSY_ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<entry><title>Unreadable date</title><link href="https://atom.example/1"/><id>urn:a1</id><published>yesterday-ish</published></entry>
<entry><title>Fine</title><link href="https://atom.example/2"/><id>urn:a2</id><published>2026-11-02T10:00:00Z</published></entry>
</feed>`;
const latin1 = (text: string) => Buffer.from(text, 'latin1');
/** windows-1252 is latin-1 but for 0x80–0x9f, where it has € among others. */
const windows1252 = (text: string) => Buffer.from([...text].map((ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
const CAFE = (title: string) =>
  `<rss version="2.0"><channel><title>Café</title><item><title>${title}</title><link>https://cafe.example/creme</link></item></channel></rss>`;

describe('reading feeds', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const xml = (body: string | Buffer, type = 'application/xml') =>
        res.writeHead(200, { 'content-type': type }).end(body);
      switch (req.url) {
        case '/redirect':
          return res.writeHead(302, { location: '/rss' }).end();
        case '/huge':
          return xml(`<rss>${'x'.repeat(6 * 1024 * 1024)}</rss>`);
        case '/hang':
          return; // never answers
        case '/trickle':
          res.writeHead(200, { 'content-type': 'application/xml' });
          return res.write('<rss version="2.0"><channel>'); // and never ends
        case '/latin1-prolog':
          return xml(latin1(`<?xml version="1.0" encoding="ISO-8859-1"?>${CAFE('Crème brûlée à 5')}`));
        case '/cp1252-http':
          // The prolog says nothing; the HTTP header does.
          return xml(windows1252(CAFE('Crème brûlée à 5 €')), 'text/xml; charset=windows-1252');
        case '/http-wins':
          return xml(
            latin1(`<?xml version="1.0" encoding="UTF-8"?>${CAFE('Crème brûlée à 5')}`),
            'application/rss+xml; charset="ISO-8859-1"',
          );
        case '/utf8':
          return xml(Buffer.from(`<?xml version="1.0"?>${CAFE('Crème brûlée à 5')}`, 'utf8'));
        case '/truncated':
          return xml(RSS.slice(0, RSS.length / 2));
        case '/empty':
          return xml('');
        case '/page':
          return xml('<!DOCTYPE html><html><body>hello</body></html>', 'text/html');
      }
      const body = { '/rss': RSS, '/atom': ATOM, '/messy': MESSY_RSS, '/messy-atom': MESSY_ATOM }[req.url ?? ''];
      if (!body) return res.writeHead(404).end();
      xml(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });
  const read = (path: string, timeoutMs?: number) => readFeed(`${base}${path}`, { allowPrivate: true, timeoutMs });

  it('reads RSS 2.0 items newest first, keyed by guid or else link', async () => {
    const { items, skipped } = await read('/rss');
    expect(skipped).toEqual([]);
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
    const { items } = await read('/atom');
    expect(items.map((i) => [i.key, i.link])).toEqual([
      ['urn:2', 'https://dev.example/2'],
      ['urn:1', 'https://dev.example/1'],
    ]);
  });

  it('reads what it can of a messy feed: a bad item is skipped with its reason, the rest go through', async () => {
    const { items, skipped } = await read('/messy');
    expect(items.map((i) => [i.key, i.title, i.publishedAt])).toEqual([
      ['dup', 'Repeated', '2026-11-05T09:00:00.000Z'],
      ['https://messy.example/attr', 'Guid with attributes', '2026-11-03T09:00:00.000Z'],
      // An empty <guid isPermaLink="false"/> is no guid: the link keys it.
      ['https://messy.example/empty-guid', 'Empty guid', '2026-11-02T09:00:00.000Z'],
      // An unparseable date leaves the item undated, not the feed unread.
      ['m-1', 'Bad date', null],
    ]);
    expect(items[1].categories).toEqual(['news']);
    expect(skipped).toEqual([
      { item: 'item 4', reason: 'has neither a title nor a link' },
      { item: 'item 6 (Repeated again)', reason: 'repeats the guid or link of an earlier item (dup)' },
    ]);
  });

  it('reads an Atom entry whose date it cannot parse, undated, with the others', async () => {
    const { items, skipped } = await read('/messy-atom');
    expect(items.map((i) => [i.key, i.publishedAt])).toEqual([
      ['urn:a2', '2026-11-02T10:00:00.000Z'],
      ['urn:a1', null],
    ]);
    expect(skipped).toEqual([]);
  });

  it('decodes by the HTTP charset, else the XML declaration, else UTF-8', async () => {
    for (const path of ['/latin1-prolog', '/http-wins', '/utf8']) {
      const { items } = await read(path);
      expect([path, items[0].title, items[0].feedTitle]).toEqual([path, 'Crème brûlée à 5', 'Café']);
    }
    const { items } = await read('/cp1252-http');
    expect(items[0].title).toBe('Crème brûlée à 5 €');
  });

  it('says clearly what is wrong with a feed it cannot use', async () => {
    await expect(read('/missing')).rejects.toThrow('answered HTTP 404');
    await expect(read('/page')).rejects.toThrow('is a web page, not a feed');
    await expect(read('/truncated')).rejects.toThrow('is not a valid RSS or Atom feed');
    await expect(read('/empty')).rejects.toThrow('answered with an empty body');
    await expect(read('/hang', 300)).rejects.toThrow('did not answer within 0.3 s');
    await expect(read('/trickle', 300)).rejects.toThrow(FeedError);
    await expect(readFeed(`${base}/rss`, { allowPrivate: false })).rejects.toThrow('is on a private network');
    // A redirect could lead anywhere, a private address included.
    await expect(read('/redirect')).rejects.toThrow('could not be fetched');
    await expect(read('/huge')).rejects.toThrow('larger than 5 MB');
  });

  it('sends only unseen items, oldest first, and on the first poll only the backfill', async () => {
    const { items } = await read('/rss');
    expect(itemsToSend(items, new Set(), true, 0)).toEqual([]);
    expect(itemsToSend(items, new Set(), true, 2).map((i) => i.title)).toEqual(['Opening hours', 'Launch party']);
    expect(itemsToSend(items, new Set(['a-1', 'a-2']), false, 0).map((i) => i.title)).toEqual(['Launch party']);
  });
});
