import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, navLink, Platform, screenshot, signUpWithWorkspace, startPlatform } from './harness';

/**
 * The home page in Chromium against the real platform: a new workspace sees its onboarding checklist
 * unticked; connecting the Sandbox account and composing a post tick those two steps, from real data.
 */
describe('home journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signUpWithWorkspace(page, platform, {
      name: 'Nia New',
      email: `new-${Date.now()}@example.com`,
      workspace: 'Fresh Co',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const checklist = () => page.getByRole('region', { name: 'Get started' });
  const step = (name: string) => checklist().getByRole('listitem').filter({ hasText: name });
  const done = async (name: string) => (await step(name).getAttribute('class'))?.includes('done') ?? false;

  it('shows a new workspace its checklist, unticked, with a link to each step', async () => {
    await navLink(page, 'Home').click();
    await page.waitForURL('**/home');
    await checklist().waitFor();
    for (const name of [
      'Connect a social account',
      'Compose your first post',
      'Set queue times for an account',
      'Start an automation from a template',
    ]) {
      expect(await done(name)).toBe(false);
      expect(await step(name).textContent()).toContain('(to do)');
    }
    // Empty sections say what to do next.
    await page.getByText('Nothing failed.').waitFor();
    await page.getByRole('link', { name: 'Compose a post' }).waitFor();
    // Keyboard-reachable: the first step's link takes focus and opens its page with Enter.
    const connect = checklist().getByRole('link', { name: 'Connect a social account' });
    await connect.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/accounts');
  });

  it('ticks "connect an account" and "compose a first post" once they are done', async () => {
    await page.getByLabel('Sandbox account name').fill('Demo');
    await page.getByRole('button', { name: 'Connect Sandbox account' }).click();
    await page.getByRole('heading', { name: 'Demo', exact: true }).waitFor();

    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill('Hello from our new home');
    await page.getByRole('checkbox', { name: /Demo/ }).check();
    await page.getByRole('button', { name: /^(Save draft|Schedule|Add to queue)$/ }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);

    await navLink(page, 'Home').click();
    await checklist().waitFor();
    await expect.poll(() => done('Connect a social account')).toBe(true);
    expect(await done('Compose your first post')).toBe(true);
    expect(await done('Set queue times for an account')).toBe(false);
    expect(await done('Start an automation from a template')).toBe(false);
    expect(await step('Connect a social account').textContent()).toContain('(done)');
    await screenshot(page, 'home');
  });
});
