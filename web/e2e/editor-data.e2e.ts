import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  launchChromium,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
  type ApiCall,
} from './harness';

const at = (x: number) => ({ x, y: 80 });

/**
 * Data you can see and pick, in Chromium against the real platform: a webhook trigger waits for
 * a test delivery (sent with the curl's URL), the next step's field picker shows the delivery's
 * fields with their values and puts `{{title}}` into the draft's text; a schedule built from plain
 * choices writes its cron and shows its next five runs in the workspace's zone.
 */
describe('editor data journeys', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: ApiCall;
  const email = `data-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Dana Data', email, workspace: 'Data Co' });
    base = session.base;
    api = await apiSession(platform, email, session.workspaceId);
    await api('PATCH', `/api/v1/workspaces/${session.workspaceId}`, { timeZone: 'Europe/Paris' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** Opens an automation made through the API in the editor, and selects one of its steps. */
  async function openAt(graph: object, nodeId: string): Promise<string> {
    const created = await api('POST', '/api/v1/automations', { name: 'Data journey', graph });
    await page.goto(`${base}/automations/${created.id as string}`);
    await page.getByTestId(`node-${nodeId}`).click();
    return created.id as string;
  }

  it('takes a test delivery as the sample, and picks {{title}} from the field picker into the draft text', async () => {
    const id = await openAt(
      {
        nodes: [
          { id: 'hook', type: 'webhook-in', position: at(40), config: {} },
          {
            id: 'draft',
            type: 'create-draft',
            position: at(360),
            label: 'Draft it',
            config: { text: 'New: ', accountIds: ['*'] },
          },
        ],
        edges: [{ from: { node: 'hook', port: 'out' }, to: { node: 'draft', port: 'in' } }],
      },
      'hook',
    );
    const panel = page.getByRole('region', { name: 'Sample data' });
    await panel.getByRole('button', { name: 'Wait for a test delivery' }).click();
    const testUrl = (await panel.locator('[data-test-url]').textContent())!.trim();
    await expect.poll(() => panel.locator('[data-curl]').textContent()).toContain(`curl -X POST '${testUrl}'`);

    const sent = await fetch(testUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Autumn menu is here', link: 'https://cafe.example/autumn' }),
    });
    expect(sent.status).toBe(202);
    // The panel polls: the delivery shows as the sample without a reload.
    await expect.poll(() => panel.locator('[data-sample]').textContent()).toContain('Autumn menu is here');

    await page.getByTestId('node-draft').click();
    const text = page.locator('textarea#node-draft-text');
    await text.waitFor();
    await page.getByText('Insert a field').first().click();
    const fields = page.getByRole('list', { name: 'Fields for Text' });
    await expect.poll(() => fields.textContent()).toContain('Autumn menu is here');
    await text.click();
    await text.press('End');
    await fields.locator('[data-path="title"]').click();
    await expect.poll(() => text.inputValue()).toBe('New: {{title}}');

    // A default typed in "if missing" goes into the placeholder it inserts.
    await page.getByLabel('If missing, use (for Text)').fill('the link');
    await text.press('End');
    await text.type(' ');
    await fields.locator('[data-path="link"]').click();
    await expect.poll(() => text.inputValue()).toBe('New: {{title}} {{link | "the link"}}');
    await screenshot(page, 'editor-data-field-picker');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => {
        const saved = (await api('GET', `/api/v1/automations/${id}`)) as {
          graph: { nodes: Array<{ id: string; config: { text?: string } }> };
          samples: Array<{ nodeId: string; source: string }>;
        };
        return { text: saved.graph.nodes.find((n) => n.id === 'draft')?.config.text, samples: saved.samples };
      })
      .toEqual({
        text: 'New: {{title}} {{link | "the link"}}',
        samples: [expect.objectContaining({ nodeId: 'hook', source: 'test-delivery' })],
      });
  });

  it('builds a weekly schedule from choices, writing the cron, and shows the next five runs', async () => {
    await openAt(
      { nodes: [{ id: 'tick', type: 'schedule', position: at(40), config: { cron: '0 9 * * *' } }], edges: [] },
      'tick',
    );
    const runs = page.locator('[data-next-runs] li');
    await expect.poll(() => runs.count()).toBe(5);
    await page.getByLabel('Runs').selectOption('weekly');
    await page.getByLabel('at', { exact: true }).fill('10:30');
    await page.getByLabel('at', { exact: true }).dispatchEvent('change');
    const cron = page.getByLabel('Cron', { exact: true });
    await expect.poll(() => cron.inputValue()).toBe('30 10 * * 1');
    await page.getByRole('group', { name: 'Days of the week' }).getByLabel('Thu').check();
    await expect.poll(() => cron.inputValue()).toBe('30 10 * * 1,4');
    await expect.poll(() => runs.count()).toBe(5);
    const times = await runs.allTextContents();
    expect(times.every((t) => /^(Mon|Thu) .*10:30$/.test(t.trim()))).toBe(true);
    await expect.poll(() => page.getByText('Next runs (Europe/Paris)').count()).toBe(1);

    // The cron stays editable as text; the builder reads it back.
    await cron.fill('0 */6 * * *');
    await expect.poll(() => page.getByLabel('Runs').inputValue()).toBe('hours');
    await expect.poll(() => runs.count()).toBe(5);
    await cron.fill('not a cron');
    await expect.poll(() => page.getByText('This cron never runs').count()).toBe(1);
    await screenshot(page, 'editor-data-schedule');
  });
});
