import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Locator, Page } from 'playwright-core';
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

/** Drags with small pointer steps, as the flow editor needs to see a drag. */
async function dragTo(page: Page, source: Locator, to: { x: number; y: number }): Promise<void> {
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Polls until `check` returns something truthy. */
async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 120_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const FEED_ITEMS = [
  ['Launch of the autumn menu', 'https://cafe.example/autumn'],
  ['Opening hours for the holidays', 'https://cafe.example/hours'],
  ['Launch party on Friday', 'https://cafe.example/party'],
];

/**
 * Automations in Chromium against the real platform with its flow runtime: build RSS → condition
 * → draft by dragging, and see it work on a local feed; the WordPress template with a signed
 * request; an approval that waits until a person approves it in the app.
 */
describe('automation journeys', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let feed: Server;
  let feedUrl: string;
  let api: ApiCall;
  const email = `flows-${Date.now()}@example.com`;
  const nav = (name: string) => navLink(page, name);

  beforeAll(async () => {
    feed = createServer((_req, res) => {
      const items = FEED_ITEMS.map(
        ([title, link], i) =>
          `<item><title>${title}</title><link>${link}</link><guid>feed-${i}</guid><pubDate>${new Date(Date.UTC(2026, 10, i + 1)).toUTCString()}</pubDate></item>`,
      ).join('');
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<rss version="2.0"><channel><title>Cafe</title>${items}</channel></rss>`);
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.xml`;
    platform = await startPlatform({ FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1500, height: 950 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, {
      name: 'Fran Flows',
      email,
      workspace: 'Flows Co',
    });
    base = session.base;
    api = await apiSession(platform, email, session.workspaceId);

    await nav('Accounts').click();
    await page.getByLabel('Sandbox account name').fill('Cafe demo');
    await page.getByRole('button', { name: 'Connect Sandbox account' }).click();
    await page.getByText('Cafe demo').first().waitFor();
    const [account] = (await api('GET', '/api/v1/accounts')).items as Array<{ id: string }>;
    const slots = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      ['09:00', '13:00', '18:00'].map((localTime) => ({ weekday, localTime })),
    );
    await api('PUT', `/api/v1/accounts/${account.id}/queue-slots`, { slots });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    feed?.close();
  });

  it('builds RSS → condition → create draft by dragging, publishes it, and drafts the two matching items', async () => {
    await nav('Automations').click();
    await page.getByText('No automations yet').waitFor();
    await page.getByRole('button', { name: 'New automation' }).click();
    await page.getByTestId('canvas').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Launches from the blog');

    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const at = (fx: number, fy: number) => ({ x: canvas.x + canvas.width * fx, y: canvas.y + canvas.height * fy });
    // Kept to the left part of the canvas: the settings panel opens on the right once a step is selected.
    await dragTo(page, page.getByTestId('palette-rss-in'), at(0.08, 0.2));
    await page.getByTestId('node-n1').waitFor();
    await dragTo(page, page.getByTestId('palette-condition'), at(0.32, 0.4));
    await page.getByTestId('node-n2').waitFor();
    await dragTo(page, page.getByTestId('palette-create-draft'), at(0.55, 0.6));
    await page.getByTestId('node-n3').waitFor();

    await page.getByTestId('node-n1').click();
    await page.getByLabel('Feed URL').fill(feedUrl);
    await page.getByLabel('Items to take on the first check').fill('3');
    await page.getByLabel('Items to take on the first check').blur();
    await page.getByTestId('node-n2').click();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Value of rule 1').fill('launch');
    await page.getByLabel('Value of rule 1').blur();
    await page.getByTestId('node-n3').click();
    await page.getByLabel('Text').fill('{{title}} {{link}}');
    await page.getByLabel('Every account').check();

    await dragTo(page, page.getByTestId('port-n1-out'), await centre(page.getByTestId('port-n2-in')));
    await dragTo(page, page.getByTestId('port-n2-true'), await centre(page.getByTestId('port-n3-in')));
    await page.getByTestId('node-n3').click();
    // Connections name steps as the canvas shows them, never by id.
    await page.getByText('Condition (true) → Create draft').waitFor();
    await screenshot(page, 'automation-built');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published version 1; it runs now.').waitFor();
    const [automation] = (await api('GET', '/api/v1/automations')).items as Array<{ id: string; enabled: boolean }>;
    expect(automation.enabled).toBe(true);

    // The worker polls feeds every minute; the first poll takes the three items (backfill 3).
    const runs = await eventually(async () => {
      const items = (await api('GET', `/api/v1/automations/${automation.id}/runs`)).items as Array<{ status: string }>;
      return items.length === 3 && items.every((r) => r.status === 'succeeded') && items;
    }, 'three finished runs');
    expect(runs).toHaveLength(3);
    const drafts = ((await api('GET', '/api/v1/posts?state=draft')).items as Array<{ text: string }>)
      .map((p) => p.text)
      .sort();
    expect(drafts).toEqual([
      'Launch of the autumn menu https://cafe.example/autumn',
      'Launch party on Friday https://cafe.example/party',
    ]);

    await page.getByRole('link', { name: 'Runs' }).click();
    await page
      .getByRole('button', { name: /succeeded/ })
      .first()
      .click();
    await page.locator('.steps li[data-node="n2"]').first().waitFor();
    await expect(page.locator('.steps li').count()).resolves.toBeGreaterThanOrEqual(2);
    await screenshot(page, 'automation-runs');
  }, 180_000);

  async function fromTemplate(title: string): Promise<{ url: string; secret: string; id: string }> {
    await nav('Automations').click();
    await page.getByRole('link', { name: 'Start from a template' }).click();
    await page.getByRole('button', { name: `Use ${title}` }).click();
    await page.getByRole('button', { name: 'Create automation' }).click();
    await page.getByTestId('canvas').waitFor();
    const id = page.url().split('/').at(-1)!;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText(/Published version 1/).waitFor();
    await page.getByRole('button', { name: 'Webhook URL' }).click();
    const url = await page.getByLabel('URL', { exact: true }).inputValue();
    const secret = await page.getByLabel('Secret', { exact: true }).inputValue();
    return { url, secret, id };
  }

  async function sendSigned(hook: { url: string; secret: string }, body: object, deliveryId: string): Promise<string> {
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-delivery-id': deliveryId,
        'x-timestamp': String(timestamp),
        'x-signature': `sha256=${createHmac('sha256', hook.secret).update(`${timestamp}.${raw}`).digest('hex')}`,
      },
      body: raw,
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { runIds: string[] }).runIds[0];
  }

  it("runs the WordPress template end to end from a signed request into the account's queue", async () => {
    const hook = await fromTemplate("WordPress publish → every account's queue");
    const runId = await sendSigned(
      hook,
      { post: { ID: 42, post_title: 'Sunday brunch is back' }, post_permalink: 'https://cafe.example/brunch' },
      'wp-42',
    );
    const run = await eventually(async () => {
      const r = await api('GET', `/api/v1/runs/${runId}`);
      return r.status === 'succeeded' && r;
    }, 'the WordPress run');
    expect((run.steps as Array<{ nodeId: string }>).map((s) => s.nodeId)).toEqual(['wordpress', 'draft', 'queue']);
    const scheduled = (await api('GET', '/api/v1/posts?state=scheduled')).items as Array<{
      text: string;
      nextRunAt: string;
    }>;
    expect(
      scheduled.find((p) => p.text === 'Sunday brunch is back https://cafe.example/brunch')?.nextRunAt,
    ).toBeTruthy();
  }, 120_000);

  it('waits on an approval until a person approves it in the app, then publishes', async () => {
    const hook = await fromTemplate('CMS webhook → approval → publish now');
    const runId = await sendSigned(
      hook,
      { title: 'Winter menu preview', link: 'https://cafe.example/winter' },
      'cms-1',
    );
    await eventually(async () => (await api('GET', `/api/v1/runs/${runId}`)).status === 'waiting', 'the run waiting');

    await nav('Approvals').click();
    const card = page.getByRole('article', { name: /Winter menu preview/ });
    await card.waitFor();
    await screenshot(page, 'automation-approval');
    await card.getByLabel(/^Note for the author/).fill('Lovely, ship it');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved.').waitFor();
    await page.getByText('Nothing waits for approval.').waitFor();
    const decided = (await api('GET', '/api/v1/approvals?state=approved')).items as Array<{
      text: string;
      reason: string;
    }>;
    expect(decided.find((a) => a.text.startsWith('Winter menu preview'))?.reason).toBe('Lovely, ship it');

    const run = await eventually(async () => {
      const r = await api('GET', `/api/v1/runs/${runId}`);
      return r.status === 'succeeded' && r;
    }, 'the approved run');
    expect((run.steps as Array<{ nodeId: string; port: string }>).slice(-2)).toMatchObject([
      { nodeId: 'approve', port: 'approved' },
      { nodeId: 'publish', port: 'out' },
    ]);
    const published = await eventually(async () => {
      const items = (await api('GET', '/api/v1/posts?state=published')).items as Array<{ text: string }>;
      return items.find((p) => p.text.startsWith('Winter menu preview'));
    }, 'the approved post published on the Sandbox');
    expect(published.text).toBe('Winter menu preview https://cafe.example/winter');
  }, 180_000);

  it('lets a client decline through a link without an account, and the team bell lights up live', async () => {
    const [cms] = ((await api('GET', '/api/v1/automations')).items as Array<{ id: string; name: string }>).filter((a) =>
      a.name.startsWith('CMS webhook'),
    );
    const hook = (await api('POST', `/api/v1/automations/${cms.id}/hooks`)) as { url: string; secret: string };
    const runId = await sendSigned(hook, { title: 'Flash sale tonight', link: 'https://cafe.example/flash' }, 'cms-2');
    await eventually(async () => (await api('GET', `/api/v1/runs/${runId}`)).status === 'waiting', 'the run waiting');

    await page.goto(`${base}/approvals`);
    const card = page.getByRole('article', { name: /Flash sale tonight/ });
    await card.getByRole('button', { name: 'Share with a client' }).click();
    const link = await card.getByLabel('Client link').inputValue();
    // Approvals waiting and decisions notify too: start this check from a read bell.
    await api('POST', '/api/v1/notifications/read');
    await page.getByRole('button', { name: /Notifications, 0 unread/ }).waitFor();

    const client = await (await browser.newContext()).newPage();
    await client.goto(link);
    await client
      .getByRole('region', { name: /^Preview for Cafe demo on / })
      .getByRole('article', { name: 'Preview' })
      .waitFor();
    await client.getByLabel('Your name').fill('Cleo Client');
    await client.getByLabel('Add a comment').fill('Too late in the day for us');
    await client.getByRole('button', { name: 'Comment' }).click();
    await client.getByText('Too late in the day for us').first().waitFor();
    await client.getByLabel('Reason (needed to decline)').fill('Not tonight');
    await client.getByRole('button', { name: 'Decline' }).click();
    await client.getByText('This post was declined. Thank you.').waitFor();
    await screenshot(client, 'automation-client-approval');
    await client.close();

    await eventually(
      async () => (await api('GET', `/api/v1/runs/${runId}`)).status === 'succeeded',
      'the declined run',
    );
    // The template tells the team about a decline; the bell updates over server-sent events.
    await page.getByRole('button', { name: /Notifications, [1-9]\d* unread/ }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /Notifications, [1-9]\d* unread/ }).click();
    await page
      .getByRole('dialog', { name: 'Notifications' })
      .getByText(/Declined: Flash sale tonight/)
      .first()
      .waitFor();
  }, 120_000);
});
