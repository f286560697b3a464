import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  launchChromium,
  navLink,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
  type ApiCall,
} from './harness';

const at = (x: number) => ({ x, y: 0 });

/**
 * A feed's health on the automation's page, against the real platform and a local feed server:
 * not checked yet, read (with an item it left out), and failing (its error and its next try).
 */
describe('feed status journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let feeds: Server;
  let feedBase: string;
  let api: ApiCall;
  const email = `feeds-${Date.now()}@example.com`;

  beforeAll(async () => {
    feeds = createServer((req, res) => {
      if (req.url !== '/ok.xml') return res.writeHead(404).end();
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          '<rss><channel><title>Cafe</title>' +
            '<item><title>Autumn menu</title><link>https://cafe.example/autumn</link></item>' +
            '<item><description>No title, no link</description></item></channel></rss>',
        );
    });
    await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
    feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    platform = await startPlatform({ OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Fei Feeds', email, workspace: 'Feeds Co' });
    base = session.base;
    api = await apiSession(platform, email, session.workspaceId);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    feeds?.close();
  });

  const automation = async (name: string, path: string, publish: boolean) => {
    const graph = {
      nodes: [
        { id: 'blog', type: 'rss-in', position: at(0), config: { feedUrl: `${feedBase}${path}`, backfill: 5 } },
        { id: 'tell', type: 'notify', position: at(300), config: { message: '{{title}}' } },
      ],
      edges: [{ from: { node: 'blog', port: 'out' }, to: { node: 'tell', port: 'in' } }],
    };
    const { id } = (await api('POST', '/api/v1/automations', { name, graph })) as { id: string };
    if (publish) await api('POST', `/api/v1/automations/${id}/publish`);
    return id;
  };
  const feedOf = async (id: string) =>
    ((await api('GET', `/api/v1/automations/${id}`)).feeds as Array<{ error: string | null }>)[0];

  it('shows when a feed was checked, what went wrong and when it is tried again', async () => {
    const draft = await automation('Draft feed', '/ok.xml', false);
    const good = await automation('Cafe feed', '/ok.xml', true);
    const broken = await automation('Gone feed', '/gone.xml', true);

    // The settings panel opens on the feed's step (with nothing selected the canvas takes the screen).
    const openFeedStep = async (id: string) => {
      await page.goto(`${base}/automations/${id}`);
      await page.getByTestId('node-blog').click();
    };
    await openFeedStep(draft);
    const status = page.getByRole('region', { name: 'Feed status' });
    await status.getByText('Not checked yet').waitFor();
    await status.getByText('It is checked once the automation is published and on.').waitFor();

    // The worker checks feeds every minute.
    const deadline = Date.now() + 120_000;
    while (!(await feedOf(broken)) || !(await feedOf(good))) {
      if (Date.now() > deadline) throw new Error('the feeds were not checked within 120 s');
      await new Promise((r) => setTimeout(r, 1000));
    }

    await openFeedStep(broken);
    await status.getByText('Failing', { exact: true }).waitFor();
    await expect(status.getByRole('alert').textContent()).resolves.toContain(`${feedBase}/gone.xml answered HTTP 404`);
    await status.getByText(/1 failed check in a row · next try/).waitFor();
    await screenshot(page, 'feed-failing');

    await openFeedStep(good);
    await status.getByText('OK', { exact: true }).waitFor();
    await status.getByText(/1 item read · next check/).waitFor();
    await status.getByText('1 item left out').click();
    await status.getByText('item 2: has neither a title nor a link').waitFor();

    await navLink(page, 'Automations').click();
    await page.getByRole('link', { name: 'Feed failing in Gone feed' }).waitFor();
    await expect(page.getByRole('link', { name: /Feed failing in/ }).count()).resolves.toBe(1);
  }, 180_000);
});
