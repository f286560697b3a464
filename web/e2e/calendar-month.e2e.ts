import { DateTime } from 'luxon';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCall, apiSession, launchChromium, Platform, signUpWithWorkspace, startPlatform } from './harness';

const ZONE = 'Europe/Paris';

/**
 * The month view reads each day's summary (its count and first posts, not every post of the
 * month): a busy day shows its first four and "+N more" with the day's real count, and the list
 * behind it reads the whole day from the server.
 */
describe('calendar month journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let call: ApiCall;
  /** The 10th of next month, 08:00 to 16:00 in the workspace zone: nine posts. */
  const busy = DateTime.now().setZone(ZONE).startOf('month').plus({ months: 1, days: 9 });
  const email = `month-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Month Planner', email, workspace: 'Month Co' });
    base = session.base;
    await page.getByLabel('Time zone').selectOption(ZONE);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    call = await apiSession(platform, email, session.workspaceId);
    const accountId = (await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Shop' })).id as string;
    for (let hour = 8; hour <= 16; hour++) {
      const created = await call('POST', '/api/v1/posts', {
        title: `Busy ${hour}h`,
        text: `Busy day post at ${hour}`,
        variants: [{ accountId }],
        schedule: { type: 'single', at: busy.set({ hour }).toUTC().toISO() },
      });
      if (!created.id) throw new Error(JSON.stringify(created));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows a busy day\'s first posts and its real count, and lists the whole day behind "+N more"', async () => {
    const days = page.waitForResponse((r) => r.url().includes('/api/v1/calendar/days'));
    await page.goto(`${base}/calendar?view=month&date=${busy.toISODate()}`);
    expect((await days).status()).toBe(200);
    const cell = page.locator(`so-month-grid section.day[data-date="${busy.toISODate()}"]`);
    await cell.getByRole('button', { name: '+5 more' }).waitFor();
    expect(await cell.locator('so-calendar-entry').count()).toBe(4);
    await expect.poll(() => cell.locator('so-calendar-entry').first().textContent()).toContain('Busy 8h');
    const day = page.waitForResponse((r) => r.url().includes('/api/v1/calendar/day?'));
    await cell.getByRole('button', { name: '+5 more' }).click();
    expect((await day).status()).toBe(200);
    const list = page.locator('.dense-list');
    await list.waitFor();
    await expect.poll(() => list.locator('li').count()).toBe(9);
    expect(await list.locator('li').last().textContent()).toContain('Busy 16h');
  });
});
