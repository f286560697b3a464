import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCall, apiSession, launchChromium, navLink, Platform, signUpWithWorkspace, startPlatform } from './harness';

interface Outbox {
  items: { to: string; subject: string }[];
}

/**
 * Told about what needs you, in Chromium against the real platform (its publishing engine running):
 * a post refused by the network notifies its author in the bell (live) and by email, the Accounts
 * badge says an account needs attention, the panel closes on Esc, outside click and navigation, and
 * the post is scheduled again from the notification's Retry; preferences are kept on the account page.
 */
describe('notifications journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  let accountId: string;
  let postId: string;
  const email = `author-${Date.now()}@example.com`;
  const bell = () => page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  const panel = () => page.getByRole('dialog', { name: 'Notifications' });

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    const session = await signUpWithWorkspace(page, platform, {
      name: 'Ada Author',
      email,
      workspace: 'Told Co',
    });
    call = await apiSession(platform, email, session.workspaceId);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('tells the author in the bell, live, and by email when the network refuses a post', async () => {
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Notifications, 0 unread');
    accountId = (await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Shop' })).id as string;
    // The network refuses the account's sign-in once: the post fails at once (no retries).
    await call('PATCH', `/api/v1/accounts/${accountId}`, { settings: { failStatus: 401, failCount: 1 } });
    const post = await call('POST', '/api/v1/posts', {
      text: 'Our summer sale starts now',
      variants: [{ accountId }],
      schedule: { type: 'single', at: new Date(Date.now() + 2000).toISOString() },
    });
    postId = post.id as string;

    await expect.poll(() => bell().getAttribute('aria-label'), { timeout: 60_000 }).toBe('Notifications, 1 unread');
    await expect.poll(() => page.getByTestId('badge-accounts').textContent()).toBe('1');
    const outbox = (await call('GET', '/api/v1/outbox')) as unknown as Outbox;
    expect(outbox.items.some((m) => m.to === email && m.subject === 'A post to Shop was not published')).toBe(true);
  });

  it('closes the panel on Esc, a click outside it, and navigation', async () => {
    await bell().click();
    await panel().waitFor();
    await page.keyboard.press('Escape');
    await panel().waitFor({ state: 'detached' });

    await bell().click();
    await panel().waitFor();
    await page.getByRole('heading', { level: 1 }).first().click();
    await panel().waitFor({ state: 'detached' });

    await bell().click();
    await panel().waitFor();
    await navLink(page, 'Board').click();
    await page.waitForURL('**/board');
    await panel().waitFor({ state: 'detached' });
  });

  it('schedules the post again from the notification, once the account is reconnected', async () => {
    await navLink(page, 'Accounts').click();
    await page.getByRole('button', { name: 'Reconnect' }).click();
    await page.getByRole('button', { name: 'Reconnect' }).waitFor({ state: 'detached' });
    // Badges are counted again on navigation (and on every notification).
    await navLink(page, 'Board').click();
    await expect.poll(() => page.getByTestId('badge-accounts').count()).toBe(0);

    await bell().click();
    const notice = panel().getByTestId('notice').filter({ hasText: 'A post to Shop was not published' });
    await expect.poll(() => notice.textContent()).toContain('Our summer sale starts now');
    await notice.getByRole('button', { name: 'Retry' }).click();
    await panel().getByText('Scheduled again').waitFor();
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Notifications, 0 unread');
    const post = await call('GET', `/api/v1/posts/${postId}`);
    expect(post.state).toBe('scheduled');

    // The notification links to the post.
    await panel().getByRole('link', { name: 'A post to Shop was not published' }).click();
    await page.waitForURL(`**/posts/${postId}`);
  });

  it('keeps the notification preferences chosen on the account page', async () => {
    await page.goto(`${platform.url}/account`);
    const choice = page.getByLabel('A post of mine failed');
    await expect.poll(() => choice.inputValue()).toBe('email');
    await choice.selectOption('digest');
    await page.getByText('Saved.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('A post of mine failed').inputValue()).toBe('digest');
    const prefs = (await call('GET', '/api/v1/me/notification-preferences')) as {
      items: { kind: string; channel: string }[];
    };
    expect(prefs.items.find((p) => p.kind === 'post_failed')?.channel).toBe('digest');
  });
});
