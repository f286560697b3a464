import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

const at = (x: number) => ({ x: x * 320, y: 80 });
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

/**
 * Test before publish, in Chromium against the real platform and flow runtime: "Test the draft"
 * runs the never-published draft on its trigger's sample, dry (a local receiver gets nothing);
 * each step's outcome and the items on each connection are drawn on the canvas, and a click on a
 * step shows its input and output; the run, opened again from the runs page, shows the same.
 */
describe('editor test run journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: ApiCall;
  let receiver: Server;
  const received: string[] = [];
  const email = `testrun-${Date.now()}@example.com`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    platform = await startPlatform({ FLOW_RUNTIME: 'child', OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Tess Test', email, workspace: 'Test Co' });
    base = session.base;
    api = await apiSession(platform, email, session.workspaceId);
    await api('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Demo' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    receiver?.close();
  });

  it(
    'tests the draft, shows each step’s outcome on the canvas and a step’s input and output',
    { timeout: 120_000 },
    async () => {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
      const graph = {
        nodes: [
          { id: 'hook', type: 'webhook-in', position: at(0), config: {}, label: 'New blog post' },
          {
            id: 'draft',
            type: 'create-draft',
            position: at(1),
            config: { text: '{{title}} — read more: {{link}}', accountIds: ['*'] },
            label: 'Announce',
          },
          { id: 'forward', type: 'send-webhook', position: at(2), config: { url }, label: 'Tell the CMS' },
        ],
        edges: [edge('hook', 'out', 'draft'), edge('draft', 'out', 'forward')],
      };
      const created = await api('POST', '/api/v1/automations', { name: 'Blog announcer', graph });
      const id = created.id as string;
      await api('POST', `/api/v1/automations/${id}/nodes/hook/sample`, {
        source: 'pasted',
        json: { title: 'Launch day', link: 'https://blog.example/launch' },
      });

      await page.goto(`${base}/automations/${id}`);
      await page.getByTestId('node-hook').click();
      await page.getByTestId('test-draft').click();

      const panel = page.getByTestId('run-panel');
      await expect.poll(() => panel.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
      for (const nodeId of ['hook', 'draft', 'forward']) {
        await expect.poll(() => page.getByTestId(`node-${nodeId}`).getAttribute('data-outcome')).toBe('succeeded');
      }
      await expect.poll(() => page.locator('.edge-count').allTextContents()).toEqual(['1 item', '1 item']);
      await expect.poll(() => panel.textContent()).toContain('Nothing was posted or sent');

      await page.getByTestId('node-draft').click();
      await expect.poll(() => panel.getByTestId('step-input').textContent()).toContain('Launch day');
      const output = (await panel.getByTestId('step-output').textContent())!;
      expect(output).toContain('"simulated"');
      expect(output).toContain('Launch day — read more: https://blog.example/launch');
      await screenshot(page, 'editor-test-run');

      // Dry: no post was made and the receiver heard nothing.
      expect(((await api('GET', '/api/v1/posts')) as { items: unknown[] }).items).toEqual([]);
      expect(received).toEqual([]);

      // The run, opened again from the runs page, is drawn on the canvas the same way.
      await page.goto(`${base}/automations/${id}/runs`);
      await page.getByTestId('open-on-canvas').click();
      await expect.poll(() => page.getByTestId('node-forward').getAttribute('data-outcome')).toBe('succeeded');
      await page.getByTestId('node-forward').click();
      await expect
        .poll(() => page.getByTestId('run-panel').getByTestId('step-output').textContent())
        .toContain('send-webhook');
    },
  );
});
