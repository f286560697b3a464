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

describe('automation editor extras', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;
  const email = `extras-${Date.now()}@example.com`;
  const nav = (name: string) => navLink(page, name);

  beforeAll(async () => {
    platform = await startPlatform({ FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });
    page = await context.newPage();
    const { workspaceId } = await signUpWithWorkspace(page, platform, {
      name: 'Ed Extras',
      email,
      workspace: 'Extras Co',
    });
    api = await apiSession(platform, email, workspaceId);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('adds nodes at the centre by keyboard, validates fields, types rule values, shows edge errors', async () => {
    await nav('Automations').click();
    await page.getByRole('button', { name: 'New automation' }).click();
    await page.getByTestId('canvas').waitFor();
    const id = page.url().split('/').at(-1)!;
    await page.getByRole('button', { name: 'Schedule', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(500);
    const node = (await page.getByTestId('node-n1').boundingBox())!;
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(Math.abs(node.x + node.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(60);
    expect(Math.abs(node.y + node.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(60);
    await page.getByText('Required').waitFor();
    await page.getByLabel('Cron').fill('0 9 * * MON');
    await expect(page.getByText('Required').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Condition', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('node-n2').waitFor();
    await page.waitForTimeout(500);
    const first = (await page.getByTestId('node-n1').boundingBox())!;
    const second = (await page.getByTestId('node-n2').boundingBox())!;
    expect(second.y).toBeGreaterThan(first.y + 20);
    await page.getByText('Required').waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Operator of rule 1').selectOption('in');
    await page.getByLabel('Value of rule 1').fill('news, launch');
    await page.getByLabel('Value of rule 1').blur();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Field of rule 2').fill('score');
    await page.getByLabel('Operator of rule 2').selectOption('greaterThan');
    await page.getByLabel('Value of rule 2').fill('5');
    await page.getByLabel('Value of rule 2').blur();
    expect(await page.getByLabel('Operator of rule 1').locator('option').count()).toBe(14);

    await page.getByRole('button', { name: 'Send webhook', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('URL').fill('not a url');
    await page.getByText(/Must be an http\(s\) address/).waitFor();
    await page.getByLabel('URL').fill('https://example.com/hook');
    await expect(page.getByText(/Must be an http\(s\) address/).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const saved = (await api('GET', `/api/v1/automations/${id}`)) as {
      graph: { nodes: Array<{ id: string; config: Record<string, unknown> }> };
    };
    const rules = saved.graph.nodes.find((n) => n.id === 'n2')!.config['rules'];
    expect(rules).toEqual({
      all: [
        { fact: 'title', operator: 'in', value: ['news', 'launch'] },
        { fact: 'score', operator: 'greaterThan', value: 5 },
      ],
    });
    const graph = saved.graph as unknown as { nodes: unknown[]; edges: unknown[] };
    await api('PATCH', `/api/v1/automations/${id}`, {
      graph: { ...graph, edges: [{ from: { node: 'n2', port: 'nope' }, to: { node: 'n3', port: 'in' } }] },
    });
    await page.reload();
    await page.getByTestId('node-n3').click();
    await page.getByLabel('URL').fill('');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Before it can be published').waitFor();
    await page.getByText(/^Condition \(nope\) → Send webhook: Condition has no output nope/).waitFor();
    await expect(page.locator('f-connection.invalid-edge').count()).resolves.toBe(1);
    await expect(page.getByTestId('node-n3').getAttribute('class')).resolves.toMatch(/invalid/);
    await page.getByTestId('node-n3').click();
    await page.locator('[data-field="url"] .field-error[role="alert"]').waitFor();
    await screenshot(page, 'extras-publish-errors');
  }, 120_000);

  it('webhook copy buttons, versions restore, test run, delete', async () => {
    await nav('Automations').click();
    await page.getByRole('link', { name: 'Start from a template' }).click();
    await page.getByRole('button', { name: "Use WordPress publish → every account's queue" }).click();
    await page.getByRole('button', { name: 'Create automation' }).click();
    await page.getByTestId('canvas').waitFor();
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText(/Published version 1/).waitFor();
    await page.getByRole('button', { name: 'Webhook URL' }).click();
    const url = await page.getByLabel('URL', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Copy URL' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await page.getByRole('button', { name: 'Copy secret' }).waitFor();
    await page.getByRole('button', { name: 'Hide' }).click();

    // Opening again shows the same address, its secret no longer; a second one can be made and the first revoked.
    await page.getByRole('button', { name: 'Webhook URL' }).click();
    const addresses = page.getByRole('region', { name: 'Webhook addresses' }).locator('ul.hooks > li');
    await expect.poll(() => addresses.locator('code').allTextContents()).toEqual([url]);
    expect(await page.getByLabel(/^Secret/).count()).toBe(0);
    await page.getByRole('button', { name: 'New address' }).click();
    await expect.poll(() => addresses.count()).toBe(2);
    const second = await page.getByLabel('URL', { exact: true }).inputValue();
    expect(second).not.toBe(url);
    await page.getByRole('button', { name: 'Revoke address 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => addresses.locator('code').allTextContents()).toEqual([second]);
    expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
    await page.getByRole('button', { name: 'Hide' }).click();

    // Restoring is offered once the version has been compared with the draft.
    await page.getByRole('button', { name: 'Versions', exact: true }).click();
    await page.getByRole('button', { name: 'Compare version 1 with the draft' }).click();
    const diff = page.getByRole('region', { name: 'Restoring version 1 would' });
    await diff.getByRole('button', { name: 'Restore version 1' }).click();
    await diff.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Version restored as the draft.').waitFor();

    // Test runs the restored draft dry on a payload of our own and draws the run on the canvas: the
    // trigger passes the payload on; the draft step fails, saying why (this workspace has no account).
    const trigger = page.getByTestId('node-wordpress');
    await trigger.click();
    await page.getByText('Test with another payload').click();
    await page
      .getByLabel('Payload (JSON)')
      .fill('{"title": "Hi", "content": "<p>Hello</p>", "link": "https://x.example/1"}');
    await page.getByRole('button', { name: 'Test with this payload' }).click();
    const panel = page.getByTestId('run-panel');
    await expect.poll(() => panel.getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    await expect.poll(() => trigger.getAttribute('data-outcome')).toBe('succeeded');
    await expect.poll(() => page.getByTestId('node-draft').getAttribute('data-outcome')).toBe('failed');
    await expect.poll(() => panel.textContent()).toContain('no active account');
    await trigger.click();
    await expect.poll(() => panel.getByTestId('step-output').textContent()).toContain('https://x.example/1');
    await screenshot(page, 'extras-test-run');

    await nav('Automations').click();
    // Count once the list has loaded: the page first renders without its rows.
    const deleteFirst = page.getByRole('button', { name: /^Delete / }).first();
    await deleteFirst.waitFor();
    const before = await page.getByRole('row').count();
    await deleteFirst.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(before - 1);
  }, 120_000);
});
