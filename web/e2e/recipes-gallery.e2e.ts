import { createHmac } from 'node:crypto';
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

/** Polls until `check` returns something truthy. */
async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The recipe gallery in Chromium against the real platform and its flow runtime: search it, see a
 * recipe's graph before using it, create the UTM recipe asking only its inputs, publish it, and
 * call its hook as another tool would — a draft with the tagged link comes out.
 */
describe('recipe gallery journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;
  const email = `recipes-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform({ FLOW_RUNTIME: 'child' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, {
      name: 'Rita Recipes',
      email,
      workspace: 'Recipes Co',
    });
    api = await apiSession(platform, email, session.workspaceId);
    await api('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Cafe demo' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('finds a recipe, previews its graph, creates it from its inputs, publishes it and runs it from a call', async () => {
    await navLink(page, 'Automations').click();
    await page.getByRole('link', { name: 'Start from a template' }).click();
    const cards = page.locator('article.template-card');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(25);

    // Search by what a step does and filter by category.
    await page.getByLabel('Search recipes').fill('ai caption');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(4);
    for (const text of await cards.allTextContents()) expect(text.toLowerCase()).toMatch(/caption/);
    await page.getByLabel('Search recipes').fill('');
    await page.getByLabel('Category').selectOption('Campaigns');
    await expect
      .poll(() => cards.locator('h2').allTextContents())
      .toEqual(['Holiday campaign: teaser, launch day, last call', 'Product launch countdown']);
    await page.getByLabel('Category').selectOption('');
    await page.getByLabel('Search recipes').fill('utm');
    await expect.poll(() => cards.count()).toBe(1);

    // The graph is shown before use: its steps drawn and named.
    const card = page.getByRole('article', { name: 'Link from any tool → post with UTM-tagged link' });
    const graph = card.getByRole('img', { name: 'Steps: Inbound webhook → Create draft' });
    await graph.waitFor();
    await expect(graph.locator('g.node').count()).resolves.toBe(2);
    await expect(graph.locator('path.edge').count()).resolves.toBe(1);
    await screenshot(page, 'recipes-gallery');

    // Use asks for the recipe's inputs only.
    await card.getByRole('button', { name: 'Use Link from any tool → post with UTM-tagged link' }).click();
    await page.getByRole('img', { name: 'Steps: Inbound webhook → Create draft' }).waitFor();
    await page.getByLabel('utm_campaign').fill('autumn-menu');
    await page.getByRole('button', { name: 'Create automation' }).click();
    await page.getByTestId('canvas').waitFor();
    const automationId = page.url().split('/').at(-1)!;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText(/Published version 1/).waitFor();

    // Another tool calls the hook, signed; the run leaves a draft with the tagged link.
    const hook = (await api('POST', `/api/v1/automations/${automationId}/hooks`)) as { url: string; secret: string };
    const raw = JSON.stringify({ title: 'Autumn menu', link: 'https://cafe.example/autumn' });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-delivery-id': 'utm-1',
        'x-timestamp': String(timestamp),
        'x-signature': `sha256=${createHmac('sha256', hook.secret).update(`${timestamp}.${raw}`).digest('hex')}`,
      },
      body: raw,
    });
    expect(res.status).toBe(202);
    const draft = await eventually(async () => {
      const items = (await api('GET', '/api/v1/posts?state=draft')).items as Array<{ text: string }>;
      return items.find((p) => p.text.startsWith('Autumn menu'));
    }, 'the draft from the hook');
    expect(draft.text).toBe(
      'Autumn menu https://cafe.example/autumn?utm_source=social&utm_medium=organic&utm_campaign=autumn-menu',
    );
  }, 180_000);
});
