import { readFileSync } from 'node:fs';
import { Browser, Locator, Page } from 'playwright-core';
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

const at = (x: number, y = 80) => ({ x: x * 320, y });
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

/** Drags with small pointer steps, as the flow editor needs to see a drag. */
async function dragTo(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
}

/**
 * Errors and control, in Chromium against the real platform and flow runtime: a step set to
 * continue on error shows its error port, wired to a notify step; testing the draft on a sample
 * that makes the step fail runs the error branch. The automation is exported to a file, imported
 * back as a new draft, duplicated, and a published version is compared with the draft before a
 * restore.
 */
describe('editor errors and control journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: ApiCall;
  const email = `errors-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform({ FLOW_RUNTIME: 'child' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Erin Error', email, workspace: 'Errors Co' });
    base = session.base;
    api = await apiSession(platform, email, session.workspaceId);
    await api('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Demo' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    'continues on an error port and runs the error branch; exports, imports, duplicates and compares a version',
    { timeout: 180_000 },
    async () => {
      const graph = {
        nodes: [
          { id: 'hook', type: 'webhook-in', position: at(0), config: {}, label: 'New blog post' },
          {
            id: 'draft',
            type: 'create-draft',
            position: at(1),
            config: { text: '{{title}}', accountIds: ['*'] },
            label: 'Announce',
          },
          {
            id: 'tell',
            type: 'notify',
            position: at(2),
            config: { message: 'Could not announce: {{error.message}}', roles: ['owner'] },
            label: 'Tell the team',
          },
        ],
        edges: [edge('hook', 'out', 'draft')],
      };
      const created = await api('POST', '/api/v1/automations', { name: 'Blog announcer', graph });
      const id = created.id as string;
      await api('POST', `/api/v1/automations/${id}/publish`);
      // A sender whose field is named headline, not title: Announce fails on it.
      await api('POST', `/api/v1/automations/${id}/nodes/hook/sample`, {
        source: 'pasted',
        json: { headline: 'Launch day', link: 'https://blog.example/launch' },
      });

      await page.goto(`${base}/automations/${id}`);
      await page.getByTestId('node-draft').click();
      const onError = page.getByRole('group', { name: 'On error' });
      await expect.poll(() => page.getByTestId('port-draft-error').count()).toBe(0);
      // Keyboard: the choices are radio buttons.
      await onError.getByLabel('Continue on the error port').focus();
      await page.keyboard.press('Space');
      await page.getByTestId('port-draft-error').waitFor();
      await expect.poll(() => page.getByTestId('node-draft').textContent()).toContain('error');

      await dragTo(page, page.getByTestId('port-draft-error'), page.getByTestId('port-tell-in'));
      await page.getByTestId('node-draft').click();
      await page.getByText('Announce (error) → Tell the team').waitFor();

      await page.getByTestId('node-hook').click();
      await page.getByTestId('test-draft').click();
      const panel = page.getByTestId('run-panel');
      await expect.poll(() => panel.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
      await expect.poll(() => page.getByTestId('node-tell').getAttribute('data-outcome')).toBe('succeeded');
      await expect.poll(() => page.getByTestId('node-draft').getAttribute('data-outcome')).toBe('failed');
      // The failed step's output is the item as it left by the error port: the error and the step's name.
      await page.getByTestId('node-draft').click();
      await expect.poll(() => panel.getByTestId('step-output').textContent()).toContain('Text needs {{title}}');
      await expect.poll(() => panel.getByTestId('step-output').textContent()).toContain('"step": "Announce"');
      await screenshot(page, 'editor-error-branch');

      // Export: a file of the graph contract, with its format.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('blog-announcer.automation.json');
      const path = await download.path();
      const file = JSON.parse(readFileSync(path, 'utf8'));
      expect(file.format).toBe('socialorchestrator.automation/v1');
      expect(file.graph.nodes.find((n: { id: string }) => n.id === 'draft').onError).toEqual({ mode: 'continue' });

      // Import it back, from the file, as a new draft.
      await page.goto(`${base}/automations`);
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('button', { name: 'Import', exact: true }).last().waitFor();
      await page.getByLabel('A file exported from SocialOrchestrator (.json)').setInputFiles(path);
      await page.getByRole('status').getByText('Imported as a draft').waitFor();
      await expect.poll(() => page.getByRole('link', { name: 'Blog announcer' }).count()).toBeGreaterThanOrEqual(3);
      // A pasted file that is not one names what is wrong.
      await page.getByLabel('Or paste its JSON').fill('{"format":"zapier","name":"x","graph":{"nodes":[],"edges":[]}}');
      await page.getByRole('button', { name: 'Import', exact: true }).last().click();
      await page
        .getByRole('alert')
        .getByText(/^format: format must be/)
        .waitFor();
      const automations = (await api('GET', '/api/v1/automations')) as { items: Array<{ id: string; name: string }> };
      const imported = automations.items.filter((a) => a.name === 'Blog announcer' && a.id !== id);
      expect(imported).toHaveLength(1);
      const importedGraph = (await api('GET', `/api/v1/automations/${imported[0].id}`)).graph as typeof graph;
      expect(importedGraph.edges).toContainEqual(edge('draft', 'error', 'tell'));

      // Duplicate from the editor: a copy as a draft, opened.
      await page.goto(`${base}/automations/${id}`);
      await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
      await expect.poll(() => page.locator('#automation-name').inputValue()).toBe('Blog announcer (copy)');
      expect(page.url()).not.toContain(id);

      // Version 1 (no error port) against the draft, then restore after reading it.
      await page.goto(`${base}/automations/${id}`);
      await page.getByRole('button', { name: 'Versions', exact: true }).click();
      await page.getByRole('button', { name: 'Compare version 1 with the draft' }).focus();
      await page.keyboard.press('Enter');
      const diff = page.getByRole('region', { name: 'Restoring version 1 would' });
      await diff.getByText('Announce: on error').waitFor();
      await diff.getByText('Announce (error) → Tell the team').waitFor();
      await screenshot(page, 'editor-version-diff');
      await diff.getByRole('button', { name: 'Restore version 1' }).click();
      await diff.getByRole('button', { name: 'Restore', exact: true }).click();
      await page.getByText('Version restored as the draft.').waitFor();
      await expect.poll(() => page.getByTestId('port-draft-error').count()).toBe(0);
    },
  );
});
