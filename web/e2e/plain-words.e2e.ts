import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSession,
  ApiCall,
  launchChromium,
  navLink,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
} from './harness';

/** Pictographs and symbol glyphs (a bell, a warning sign, a tick) standing in for icons. */
const GLYPH = /[\u{2600}-\u{27BF}\u{1F300}-\u{1FAFF}]/u;

/**
 * Plain words in Chromium against the real platform: a repeat said in words, the activity log as
 * sentences with links, permissions described, SVG icons rather than glyphs, and a network the
 * server cannot connect saying what it needs before anyone presses its button.
 */
describe('plain words journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let api: ApiCall;
  let base: string;
  let postId: string;

  beforeAll(async () => {
    // X has its app; Meta and LinkedIn do not, so their buttons must say what the server needs.
    platform = await startPlatform({ X_CLIENT_ID: 'x-app', X_CLIENT_SECRET: 'x-secret' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const email = `ana-${Date.now()}@example.com`;
    const workspace = await signUpWithWorkspace(page, platform, { name: 'Ana Lima', email, workspace: 'Plain Co' });
    base = workspace.base;
    api = await apiSession(platform, email, workspace.workspaceId);
    await api('PATCH', `/api/v1/workspaces/${workspace.workspaceId}`, { timeZone: 'Europe/Lisbon' });
    const account = await api('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Brand A' });
    const post = await api('POST', '/api/v1/posts', {
      title: 'Summer sale',
      text: 'Everything half price, every Monday morning',
      variants: [{ accountId: account['id'] }],
      schedule: {
        type: 'recurring',
        at: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=0;BYSECOND=0',
      },
    });
    postId = post['id'] as string;
    expect(postId).toMatch(/^[0-9a-f-]{36}$/);
    // The page read the workspace before its zone changed: a reload reads it again.
    await page.goto(`${base}/home`);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("says a repeating post's rule in words on its page, on the board and in the composer", async () => {
    await page.goto(`${base}/posts/${postId}`);
    await page.getByText(/Every Monday at 08:00/).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('FREQ=');

    await navLink(page, 'Board').click();
    const card = page.getByRole('link', { name: 'Summer sale' });
    await expect.poll(() => card.getByTestId('repeat').textContent()).toBe('Every Monday at 08:00');

    // Editing it, the composer's When section says the same words beside the rule.
    await page.goto(`${base}/posts/${postId}/edit`);
    await expect.poll(() => page.getByTestId('repeat-summary').textContent()).toBe('Every Monday at 08:00');
  });

  it("writes the activity log as sentences with the actor's name and a working link", async () => {
    await navLink(page, 'Activity log').click();
    const entry = page.locator('[data-action="post.scheduled"]');
    await entry.waitFor();
    const sentence = (await entry.locator('.sentence').textContent())!.replace(/\s+/g, ' ').trim();
    // "Ana Lima scheduled “Summer sale” for Mon 14 Dec, 08:00": the first Monday, in the workspace's zone.
    expect(sentence).toMatch(/^Ana Lima scheduled “Summer sale” for Mon \d{1,2} \w{3}( \d{4})?, 08:00$/);
    await entry.getByRole('link', { name: '“Summer sale”' }).click();
    await page.waitForURL(`**/posts/${postId}`);
    await page.getByText(/Every Monday at 08:00/).waitFor();
  });

  it('describes each permission in plain words on the roles page', async () => {
    await navLink(page, 'Roles').click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /posts:write/ }) });
    await expect
      .poll(() => row.getByRole('rowheader').textContent())
      .toContain('Create, edit, schedule and delete posts');
    const matrix = page.getByRole('table');
    expect(await matrix.getByRole('img', { name: 'allowed', exact: true }).first().locator('svg').count()).toBe(1);
  });

  it('draws the top bar and the navigation with SVG icons, not glyphs', async () => {
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    expect(await bell.locator('svg').count()).toBe(1);
    expect(await page.locator('header.topbar').textContent()).not.toMatch(GLYPH);
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    expect(await nav.textContent()).not.toMatch(GLYPH);
    const links = await nav.getByRole('link').count();
    expect(links).toBeGreaterThan(5);
    expect(await nav.locator('a svg').count()).toBe(links);
  });

  it('says which keys an unconfigured network needs before its button is pressed', async () => {
    await navLink(page, 'Accounts').click();
    const linkedin = page.getByRole('button', { name: 'Connect LinkedIn' });
    await linkedin.waitFor();
    expect(await linkedin.isDisabled()).toBe(true);
    const describedBy = await linkedin.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toContain(
      'Needs LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET on the server — ask your admin',
    );
    expect(await page.getByRole('button', { name: 'Connect Facebook' }).isDisabled()).toBe(true);
    await page.getByText('Needs META_APP_ID and META_APP_SECRET on the server — ask your admin').first().waitFor();
    // X has its app on this server: its button works and says nothing more.
    const x = page.getByRole('button', { name: 'Connect X' });
    expect(await x.isDisabled()).toBe(false);
    expect(await x.getAttribute('aria-describedby')).toBeNull();
    // Network logos, as SVG, on the buttons and the connected account's badge.
    expect(await linkedin.locator('svg').count()).toBe(1);
    await screenshot(page, 'plain-words-accounts');
  });

  it('keeps a screenshot of the home page', async () => {
    await navLink(page, 'Home').click();
    await page.waitForURL('**/home');
    await page.getByRole('region', { name: 'Get started' }).waitFor();
    await screenshot(page, 'plain-words-home');
  });
});
