import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchChromium, Platform, screenshot, signUpWithWorkspace, startPlatform } from './harness';

const at = (x: number) => ({ x: x * 220, y: 0 });
const edge = (from: string, port: string, to: string) => ({ from: { node: from, port }, to: { node: to, port: 'in' } });

/** A hook, then `levels` levels of two conditions each sending on to both of the next: 2^(levels+1) - 1 steps. */
function fanOut(levels: number) {
  const always = { rules: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: 0 }] } };
  const nodes: object[] = [{ id: 'hook', type: 'webhook-in', position: at(0), config: {} }];
  const edges: object[] = [];
  for (let i = 1; i <= levels; i++) {
    for (const side of ['a', 'b']) {
      nodes.push({ id: `${side}${i}`, type: 'condition', position: at(i), config: always });
      if (i === 1) edges.push(edge('hook', 'out', `${side}1`));
      else for (const from of ['a', 'b']) edges.push(edge(`${from}${i - 1}`, 'true', `${side}${i}`));
    }
  }
  return { nodes, edges };
}

/** A run with hundreds of steps opens with its first page; "More steps" reads the rest on demand. */
describe('a run with many steps', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  const email = `steps-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform({ FLOW_RUNTIME: 'child' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it(
    'shows the first 100 steps, then the next page each time More steps is pressed',
    { timeout: 120_000 },
    async () => {
      const { base, workspaceId } = await signUpWithWorkspace(page, platform, {
        name: 'Stella Steps',
        email,
        workspace: 'Steps Co',
      });
      const api = await apiSession(platform, email, workspaceId);
      const automation = await api('POST', '/api/v1/automations', { name: 'Wide', graph: fanOut(7) });
      await api('POST', `/api/v1/automations/${automation.id as string}/publish`);
      const { runId } = (await api('POST', `/api/v1/automations/${automation.id as string}/test`, {
        nodeId: 'hook',
        payload: { n: 1 },
      })) as { runId: string };
      const deadline = Date.now() + 30_000;
      while ((await api('GET', `/api/v1/runs/${runId}`)).status !== 'succeeded') {
        if (Date.now() > deadline) throw new Error(`run ${runId} did not succeed in time`);
        await new Promise((r) => setTimeout(r, 250));
      }

      await page.goto(`${base}/automations/${automation.id as string}/runs?run=${runId}`);
      const steps = page.locator('.steps li');
      const more = page.getByRole('button', { name: 'More steps' });
      await more.waitFor();
      await expect(steps.count()).resolves.toBe(100);
      await expect(steps.first().getAttribute('data-node')).resolves.toBe('hook');
      await page.getByText('100 steps shown; this run has more.').waitFor();
      await more.click();
      await page.getByText('200 steps shown; this run has more.').waitFor();
      await expect(steps.count()).resolves.toBe(200);
      await screenshot(page, 'run-steps-paged');
      await more.click();
      // 1 + 2 + 4 + … + 128 = 255 steps: the last page, and no button any more.
      await more.waitFor({ state: 'detached' });
      await expect(steps.count()).resolves.toBe(255);
    },
  );
});
