import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  launchChromium,
  navLink,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
} from './harness';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Zapier / Make / n8n, in Chromium against the real platform: an empty Integrations page explains
 * them; a local HTTP receiver is subscribed to post.published from the page; a Sandbox post is
 * published; the receiver gets one delivery signed with the secret the page showed once, and the
 * page lists it with the receiver's 200.
 */
describe('integrations journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  let receiver: Server;
  let targetUrl: string;
  let secret: string;
  const received: Received[] = [];
  const email = `zapier-${Date.now()}@example.com`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zap`;
    // The receiver is on this machine, which the outbound guard refuses unless told otherwise.
    platform = await startPlatform({ OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Zoe Zapier', email, workspace: 'Zaps Co' });
    call = await apiSession(platform, email, session.workspaceId);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    receiver?.close();
  });

  it('explains Zapier, Make and n8n while there is no subscription', async () => {
    await navLink(page, 'Integrations').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Integrations', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('No subscriptions yet.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Webhooks → Custom webhook').isVisible()).toBe(true);
  });

  it('subscribes a receiver to post.published and shows the signing secret once', async () => {
    await page.getByLabel('When').selectOption('post.published');
    await page.getByLabel('POST to').fill(targetUrl);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const shown = page.getByTestId('subscription-secret');
    await expect.poll(() => shown.textContent()).toMatch(/^[\w-]{43}$/);
    secret = (await shown.textContent())!;
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: targetUrl });
    await expect.poll(() => row.getByText('Active').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('Nothing sent yet').isVisible()).toBe(true);
  });

  it('delivers a published post, signed, and lists the delivery with the receiver’s answer', async () => {
    const account = await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Shop' });
    await call('POST', '/api/v1/posts', {
      text: 'Winter opening hours are here',
      variants: [{ accountId: account.id }],
      schedule: { type: 'now' },
    });
    await expect.poll(() => received.length, { timeout: 60_000 }).toBe(1);
    const [delivery] = received;
    const timestamp = String(delivery.headers['x-timestamp']);
    const expected = createHmac('sha256', secret).update(`${timestamp}.${delivery.body}`).digest('hex');
    expect(delivery.headers['x-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(delivery.body)).toMatchObject({
      event: 'post.published',
      data: { text: 'Winter opening hours are here', accountName: 'Shop' },
    });

    const deliveries = page.getByRole('list', { name: `Latest deliveries to ${targetUrl}` });
    await expect
      .poll(
        async () => {
          await page.reload();
          return deliveries.getByText('200').isVisible();
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect.poll(() => deliveries.getByText('Delivered').isVisible()).toBe(true);
    await screenshot(page, 'integrations-delivered');
  });
});
