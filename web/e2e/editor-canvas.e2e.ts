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

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The editor's canvas at a laptop's 1440 × 900: it takes the screen, a graph is built from scratch
 * with the "+" picker and stays readable; copy/paste (also into another automation), tidy-up and
 * the shortcuts help.
 */
describe('editor canvas', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;
  const email = `canvas-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Cora Canvas', email, workspace: 'Canvas Co' });
    api = await apiSession(platform, email, session.workspaceId);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const zoom = async () => Number((await page.getByTestId('zoom').textContent())!.replace('%', '')) / 100;
  /** Adds a step after `node`'s `port` through the "+" picker, searching for `search` and taking what Enter picks. */
  async function addAfter(node: string, port: string, search: string): Promise<void> {
    await page.getByTestId(`add-after-${node}-${port}`).click();
    const picker = page.getByRole('dialog', { name: 'Add the next step' });
    await picker.getByLabel('Search steps').fill(search);
    await picker.getByLabel('Search steps').press('Enter');
    await picker.waitFor({ state: 'detached' });
  }

  it('builds webhook → condition → AI caption → create draft with the "+" picker, readable at 1440 × 900', async () => {
    await navLink(page, 'Automations').click();
    await page.getByRole('button', { name: 'New automation' }).click();
    await page.getByTestId('canvas').waitFor();
    const id = page.url().split('/').at(-1)!;
    await page.getByLabel('Name', { exact: true }).fill('Blog to LinkedIn');

    // The canvas takes the screen: the side navigation is down to its icons, the settings panel closed.
    expect((await page.getByTestId('canvas').boundingBox())!.width).toBeGreaterThanOrEqual(1000);
    expect((await page.getByRole('navigation', { name: 'Workspace' }).boundingBox())!.width).toBeLessThan(80);

    await page.getByRole('button', { name: 'Inbound webhook', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('node-n1').waitFor();
    await addAfter('n1', 'out', 'condition');
    await page.getByTestId('node-n2').waitFor();
    await addAfter('n2', 'true', 'AI caption');
    await page.getByTestId('node-n3').waitFor();
    await addAfter('n3', 'out', 'draft');
    await page.getByTestId('node-n4').waitFor();

    // The settings panel names connections by the steps' labels.
    await page.getByRole('complementary', { name: 'Node settings' }).getByText('AI caption → Create draft').waitFor();
    await page.getByTestId('node-n2').click();
    const settings = page.getByRole('complementary', { name: 'Node settings' });
    await settings.getByText('Inbound webhook → Condition').waitFor();
    await settings.getByText('Condition (true) → AI caption').waitFor();
    // Each card: its icon, its name, a summary in words, its named ports when it has several.
    const condition = page.getByTestId('node-n2');
    await condition.getByText('No rules yet').waitFor();
    await condition.getByText('true', { exact: true }).waitFor();
    await condition.getByText('false', { exact: true }).waitFor();
    await page.getByTestId('node-n1').getByText('Called by Generic JSON').waitFor();

    // Rename inline by double-clicking the label.
    await page.getByTestId('node-n3').locator('[data-role="node-label"]').dblclick();
    // The card's own box (the settings panel has a "Step name" too, and focus left there keeps Escape).
    const inlineName = page.getByTestId('node-n3').getByLabel('Step name', { exact: true });
    await inlineName.fill('LinkedIn caption');
    await inlineName.press('Enter');
    await page.getByTestId('node-n3').getByText('LinkedIn caption').waitFor();

    // Nothing selected: the settings panel closes and the canvas has the room again; fit the graph.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await page.getByTestId('canvas').boundingBox())!.width).toBeGreaterThanOrEqual(1000);
    await page.keyboard.press('f');
    expect(await zoom()).toBeGreaterThanOrEqual(0.75);
    // Every label is at least 12 px on screen (its font size at the canvas's zoom).
    const sizes = await page
      .locator('[data-role="node-label"]')
      .evaluateAll((labels) => labels.map((l) => parseFloat(getComputedStyle(l).fontSize)));
    expect(sizes).toHaveLength(4);
    for (const size of sizes) expect(size * (await zoom())).toBeGreaterThanOrEqual(12);
    // Every card is inside the canvas.
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    for (const n of ['n1', 'n2', 'n3', 'n4']) {
      const card = (await page.getByTestId(`node-${n}`).boundingBox())!;
      expect(card.x).toBeGreaterThanOrEqual(canvas.x);
      expect(card.x + card.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    }
    // The three connections are drawn between their cards (made with their cards, they must
    // still find the ports): each line runs from its source card's right edge to its target's left.
    const drawn = () =>
      page.evaluate(() => {
        const box = (id: string) => document.querySelector(`[data-testid="node-${id}"]`)!.getBoundingClientRect();
        const paths = Array.from(document.querySelectorAll('f-connection .f-connection-path'));
        return [
          ['n1', 'n2'],
          ['n2', 'n3'],
          ['n3', 'n4'],
        ].filter(([from, to], i) => {
          const line = paths[i]?.getBoundingClientRect();
          return line && Math.abs(line.left - box(from).right) < 40 && Math.abs(line.right - box(to).left) < 40;
        }).length;
      });
    await expect.poll(drawn).toBe(3);
    await screenshot(page, 'editor-canvas-built');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const saved = (await api('GET', `/api/v1/automations/${id}`)) as {
      graph: { nodes: { id: string; type: string; label?: string }[]; edges: unknown[] };
    };
    expect(saved.graph.nodes.map((n) => n.type)).toEqual(['webhook-in', 'condition', 'ai-caption', 'create-draft']);
    expect(saved.graph.nodes[2].label).toBe('LinkedIn caption');
    expect(saved.graph.edges).toHaveLength(3);
  }, 120_000);

  it('copies and pastes steps, tidies up, and lists the shortcuts with ?', async () => {
    // Copy the caption and draft steps (shift-click adds to the selection) and paste them.
    await page.getByTestId('node-n3').click();
    await page.getByTestId('node-n4').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.getByTestId('node-n5').waitFor();
    await page.getByTestId('node-n6').waitFor();
    await page.getByTestId('node-n5').getByText('LinkedIn caption 2').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('node-n6').click();
    await page
      .getByRole('complementary', { name: 'Node settings' })
      .getByText('LinkedIn caption 2 → Create draft 2')
      .waitFor();

    // Tidy up: no two cards overlap (the pasted ones sat on top of the originals).
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await page.waitForTimeout(300);
    const boxes: Box[] = [];
    for (const n of ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'])
      boxes.push((await page.getByTestId(`node-${n}`).boundingBox())!);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
    expect(await zoom()).toBeGreaterThanOrEqual(0.75);

    // Undo brings the pasted pile back; redo the tidy.
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () =>
        overlap((await page.getByTestId('node-n3').boundingBox())!, (await page.getByTestId('node-n5').boundingBox())!),
      )
      .toBe(true);
    await page.keyboard.press('Control+Shift+z');

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Tidy up (auto-layout)').waitFor();
    await screenshot(page, 'editor-canvas-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();

    // Into another automation: the copied steps come along with their connection.
    await navLink(page, 'Automations').click();
    await page.getByRole('button', { name: 'New automation' }).click();
    await page.getByTestId('canvas').waitFor();
    await page.getByRole('button', { name: 'Paste', exact: true }).click();
    await page.getByTestId('node-n1').getByText('LinkedIn caption').waitFor();
    await page.getByTestId('node-n2').click();
    await page
      .getByRole('complementary', { name: 'Node settings' })
      .getByText('LinkedIn caption → Create draft')
      .waitFor();

    // The steps panel resizes from the keyboard and closes with [; the minimap (M) covers no card.
    const steps = page.getByRole('complementary', { name: 'Steps' });
    const before = (await steps.boundingBox())!.width;
    await page.getByRole('separator', { name: 'Steps panel width' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await steps.boundingBox())!.width).toBeGreaterThan(before);
    await page.keyboard.press('[');
    await steps.waitFor({ state: 'detached' });
    await page.keyboard.press('m');
    await page.keyboard.press('f');
    const minimap = (await page.locator('f-minimap').boundingBox())!;
    for (const n of ['n1', 'n2'])
      expect(overlap(minimap, (await page.getByTestId(`node-${n}`).boundingBox())!)).toBe(false);
  }, 120_000);
});
