import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';

const PAGES: Record<string, { type: string; body: string | Buffer }> = {
  '/launch': {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head>
      <title>Fallback title</title>
      <meta property="og:title" content="Our launch &amp; what&#39;s next">
      <meta property="og:description" content="Everything that shipped today.">
      <meta property="og:image" content="/images/card.png">
      <meta property="og:site_name" content="Example Blog">
      <meta name="twitter:title" content="Not this one">
    </head><body><p>${'filler '.repeat(5000)}</p></body></html>`,
  },
  '/plain': {
    type: 'text/html',
    body: '<html><head><title>\n  Just a  title\n</title><meta name="description" content="From the meta tag"></head></html>',
  },
  '/latin1': {
    type: 'text/html; charset=iso-8859-1',
    body: Buffer.from('<html><head><meta property="og:title" content="Caf\xe9 cr\xe8me"></head></html>', 'latin1'),
  },
  '/photo.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
};

/**
 * GET /link-preview against a local site serving Open Graph tags (private addresses allowed for
 * the test, as OUTBOUND_ALLOW_PRIVATE_URLS does for an intranet), and the default guard refusing
 * the same site. SQLite only: nothing here touches the database beyond signing in.
 */
describe('link previews over HTTP', () => {
  let site: Server;
  let origin: string;
  const hits: Record<string, number> = {};
  let t: TestApp;
  let guarded: TestApp;
  let owner: TestUser;
  let workspaceId: string;
  const preview = (app: TestApp, url: string) =>
    apiAs(app, owner, workspaceId).get(`/link-preview?url=${encodeURIComponent(url)}`);

  beforeAll(async () => {
    site = createServer((req, res) => {
      const path = req.url ?? '/';
      hits[path] = (hits[path] ?? 0) + 1;
      if (path === '/moved') return res.writeHead(301, { location: 'https://elsewhere.example/' }).end();
      const page = PAGES[path];
      if (!page) return res.writeHead(404).end('no');
      res.writeHead(200, { 'content-type': page.type }).end(page.body);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    t = await startTestApp('sqlite', { OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Links Inc');
  });
  afterAll(async () => {
    await t?.close();
    await guarded?.close();
    await new Promise((resolve) => site?.close(resolve));
  });

  it("reads the page's og: tags, decoded, with the image made absolute", async () => {
    const res = await preview(t, `${origin}/launch`).expect(200);
    expect(res.body).toEqual({
      url: `${origin}/launch`,
      domain: '127.0.0.1',
      title: "Our launch & what's next",
      description: 'Everything that shipped today.',
      image: `${origin}/images/card.png`,
      siteName: 'Example Blog',
    });
  });

  it('asks the site once for a link asked about again (cached)', async () => {
    await preview(t, `${origin}/launch`).expect(200);
    await preview(t, `${origin}/launch`).expect(200);
    expect(hits['/launch']).toBe(1);
  });

  it('falls back to the title element and the meta description, and reads the declared charset', async () => {
    expect((await preview(t, `${origin}/plain`).expect(200)).body).toMatchObject({
      title: 'Just a title',
      description: 'From the meta tag',
      image: null,
      siteName: null,
    });
    expect((await preview(t, `${origin}/latin1`).expect(200)).body.title).toBe('Café crème');
  });

  it('makes a link straight to an image its own picture', async () => {
    const res = await preview(t, `${origin}/photo.png`).expect(200);
    expect(res.body).toMatchObject({ title: null, image: `${origin}/photo.png` });
  });

  it('says why a page cannot be read, on the url field (missing, redirected)', async () => {
    const missing = await preview(t, `${origin}/gone`).expect(422);
    expect(missing.body).toMatchObject({
      code: 'LINK_UNREADABLE',
      errors: [{ field: 'url', message: 'answered HTTP 404' }],
    });
    const moved = await preview(t, `${origin}/moved`).expect(422);
    expect(moved.body.errors[0].message).toBe('redirects elsewhere: use the address it leads to');
  });

  it('refuses an address that is not http(s), naming the field', async () => {
    const res = await preview(t, 'javascript:alert(1)').expect(400);
    expect(res.body.errors).toEqual([{ field: 'url', message: 'must be an http(s) address' }]);
  });

  it('refuses the same local site by default: server-side fetches reach public addresses only', async () => {
    guarded = await startTestApp('sqlite');
    const member = await newUser(guarded, 'guarded');
    const space = await newWorkspace(guarded, member, 'Guarded Inc');
    const before = hits['/plain'];
    const res = await apiAs(guarded, member, space)
      .get(`/link-preview?url=${encodeURIComponent(`${origin}/plain`)}`)
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'url', message: '127.0.0.1 is on a private network' }]);
    expect(hits['/plain']).toBe(before);
  });
});
