import { DateTime } from 'luxon';
import { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  DAYTIME_ZONE,
  launchChromium,
  navLink,
  PASSWORD,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
  uploadImage,
} from './harness';

const ZONE = DAYTIME_ZONE;

const LONG_URL = `https://example.com/campaigns/${'spring-sale-'.repeat(20)}landing`;
/** How the app writes dates (shared/format.ts): British English. */
const fmt = (d: DateTime, format: string) => d.toFormat(format, { locale: 'en-GB' });

/** Next week, Monday first (the workspace's setting): every post of the journey is in it. */
const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 });
const day = (n: number) => monday.plus({ days: n });
const at = (n: number, hour: number, minute = 0) => day(n).set({ hour, minute });

/** Drags with the small pointer steps the CDK needs to notice a drag, and drops at a point. */
async function dragTo(page: Page, source: Locator, to: { x: number; y: number }): Promise<void> {
  const from = (await source.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 16 });
  await page.mouse.up();
}

/**
 * The calendar and the board in Chromium at 1440×900 against the real platform: a week as a time
 * grid with each post in its hour (network, thumbnail), a post dragged to another hour moves on the
 * server, a click on an empty time opens the composer at that time, a busy hour lists all its
 * posts, filters narrow and survive a reload, the keys change the period and the view, and the
 * board shows every column without a sideways scroll, with failed and declined posts marked.
 */
describe('calendar and board journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let workspaceId: string;
  let call: ApiCall;
  let editorCall: ApiCall;
  let editorId: string;
  const accounts: Record<string, string> = {};
  const posts: Record<string, string> = {};
  const email = `planner-${Date.now()}@example.com`;
  const editorEmail = `editor-${Date.now()}@example.com`;
  const week = () => page.locator('so-time-grid');
  const column = (n: number) => week().locator(`section.day[data-date="${day(n).toISODate()}"]`);
  const hour = (n: number, h: number) => column(n).locator(`.tg-hour[data-hour="${h}"]`);
  const entry = (title: string) => page.locator('a.entry', { hasText: title });
  const period = () => page.getByTestId('calendar-period');
  const scheduledAt = async (postId: string) =>
    ((await call('GET', `/api/v1/posts/${postId}`)) as { variants: { scheduledAt: string }[] }).variants.map(
      (v) => v.scheduledAt,
    );

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, { name: 'Cal Planner', email, workspace: 'Cal Co' });
    base = session.base;
    workspaceId = session.workspaceId;
    await page.getByLabel('Time zone').selectOption(ZONE);
    await page.getByLabel('First day of the week').selectOption({ label: 'Monday' });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    call = await apiSession(platform, email, workspaceId);
    editorId = await joinAsEditor();
    editorCall = await apiSession(platform, editorEmail, workspaceId);
    for (const name of ['Shop', 'Blog']) {
      accounts[name] = (await call('POST', '/api/v1/accounts', { network: 'sandbox', name })).id as string;
    }
    const mediaId = await uploadImage(platform, email, workspaceId, 'teaser.png');
    const schedule = (when: DateTime) => ({ type: 'single', at: when.toUTC().toISO() });
    const post = async (as: ApiCall, title: string, body: object) => {
      const created = await as('POST', '/api/v1/posts', { title, text: `${title} text`, ...body });
      if (!created.id) throw new Error(`${title}: ${JSON.stringify(created)}`);
      posts[title] = created.id as string;
    };
    await post(call, 'Launch teaser', {
      labels: ['launch'],
      variants: [{ accountId: accounts.Shop, mediaIds: [mediaId] }],
      schedule: schedule(at(1, 10)),
    });
    await post(call, 'Newsletter', {
      labels: ['news'],
      variants: [{ accountId: accounts.Blog }],
      schedule: schedule(at(2, 11)),
    });
    await post(editorCall, "Editor's pick", {
      variants: [{ accountId: accounts.Shop }],
      schedule: schedule(at(3, 12)),
    });
    for (const [i, minute] of [0, 10, 20, 30].entries()) {
      await post(call, `Busy ${i + 1}`, {
        variants: [{ accountId: accounts.Blog }],
        schedule: schedule(at(4, 9, minute)),
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** A second person, an Editor, who writes some of the posts (the author filter). */
  async function joinAsEditor(): Promise<string> {
    const register = await fetch(`${platform.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: editorEmail, password: PASSWORD, name: 'Eve Editor' }),
    }).then((r) => r.json());
    const invite = await call('POST', '/api/v1/invites', { email: editorEmail, role: 'editor' });
    const token = new URL(invite.acceptUrl as string).searchParams.get('token');
    await fetch(`${platform.url}/api/v1/invites/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${register.accessToken}` },
      body: JSON.stringify({ token }),
    });
    return register.user.id as string;
  }

  it('shows the week as a time grid, each post in its hour with its network and thumbnail', async () => {
    await page.goto(`${base}/calendar?view=week&date=${day(1).toISODate()}`);
    const year = monday.year === DateTime.now().setZone(ZONE).year ? '' : ' yyyy';
    await expect.poll(() => period().textContent()).toBe(`Week of ${fmt(monday, `d MMM${year}`)}`);
    const teaser = hour(1, 10).locator('a.entry', { hasText: 'Launch teaser' });
    await teaser.waitFor();
    expect(await teaser.locator('.entry-time').textContent()).toBe('10:00');
    expect(await teaser.getAttribute('data-network')).toBe('sandbox');
    await expect.poll(() => teaser.locator('img.entry-thumb').count()).toBe(1);
    await hour(2, 11).locator('a.entry', { hasText: 'Newsletter' }).waitFor();
    await hour(3, 12).locator('a.entry', { hasText: "Editor's pick" }).waitFor();
    // The grid opens at the working day: 08:00 is at the top of what shows.
    const grid = week().locator('.tg');
    expect(await grid.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    await screenshot(page, '40-calendar-week');
  });

  it('shows the first posts of a busy hour and lists them all behind "+N more"', async () => {
    const busy = hour(4, 9);
    await expect.poll(() => busy.locator('a.entry').count()).toBe(2);
    await busy.getByRole('button', { name: '+2 more' }).click();
    const list = page.getByRole('dialog', { name: `${fmt(day(4), 'cccc d LLLL yyyy')}, 09:00–09:59` });
    await list.waitFor();
    const titles = await list.locator('a.entry .entry-title').allTextContents();
    expect(titles.map((t) => t.trim())).toEqual(['Busy 1', 'Busy 2', 'Busy 3', 'Busy 4']);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
  });

  it('reschedules a post dragged to another hour, to the quarter-hour it is dropped on', async () => {
    const target = hour(2, 14);
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    // Three quarters down the 14:00 hour: 14:45.
    await dragTo(page, entry('Launch teaser'), { x: box.x + box.width / 2, y: box.y + box.height * 0.75 + 4 });
    await page.getByText('Moved “Launch teaser”').waitFor();
    await expect.poll(() => scheduledAt(posts['Launch teaser'])).toEqual([at(2, 14, 45).toUTC().toISO()]);
    await hour(2, 14).locator('a.entry', { hasText: 'Launch teaser' }).waitFor();
    expect(await entry('Launch teaser').locator('.entry-time').textContent()).toBe('14:45');
  });

  it('moves a focused post by a quarter-hour with Alt+arrows', async () => {
    await entry('Newsletter').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => scheduledAt(posts.Newsletter)).toEqual([at(2, 11, 15).toUTC().toISO()]);
  });

  it('opens the composer at the time clicked on an empty slot, in the workspace zone', async () => {
    const slot = page.getByRole('button', { name: `New post on ${fmt(day(3), 'cccc d LLLL yyyy')} at 16:00` });
    await slot.scrollIntoViewIfNeeded();
    // A quarter of the way down the hour: 16:15.
    await slot.click({ position: { x: 20, y: 20 } });
    await page.waitForURL(new RegExp(`/compose\\?at=${day(3).toISODate()}T16(:|%3A)15$`));
    await expect.poll(() => page.getByLabel('At a time').isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel(/Date and time/).inputValue()).toBe(`${day(3).toISODate()}T16:15`);
    await page.goBack();
    await week().waitFor();
  });

  it('narrows by label, account and author, and keeps the filters in the URL across a reload', async () => {
    await page.goto(`${base}/calendar?view=week&date=${day(1).toISODate()}`);
    await entry('Newsletter').waitFor();
    await page.getByLabel('Label', { exact: true }).selectOption('news');
    await page.waitForURL(/label=news/);
    await expect.poll(() => page.locator('a.entry').count()).toBe(1);
    expect(await entry('Newsletter').count()).toBe(1);

    await page.reload();
    await entry('Newsletter').waitFor();
    expect(await page.getByLabel('Label', { exact: true }).inputValue()).toBe('news');
    expect(await page.locator('a.entry').count()).toBe(1);

    await page.getByLabel('Label', { exact: true }).selectOption('');
    await page.getByLabel('Account', { exact: true }).selectOption({ label: 'Blog' });
    // The newsletter, and two of the four busy posts with "+2 more".
    await expect.poll(() => page.locator('a.entry').count()).toBe(3);
    expect(await entry('Launch teaser').count()).toBe(0);

    await page.getByLabel('Account', { exact: true }).selectOption('');
    await page.getByLabel('Author', { exact: true }).selectOption({ label: 'Eve Editor' });
    await page.waitForURL(new RegExp(`author=${editorId}`));
    await expect.poll(() => page.locator('a.entry').count()).toBe(1);
    expect(await entry("Editor's pick").count()).toBe(1);

    await page.getByLabel('State', { exact: true }).selectOption('failed');
    await page.getByText('Nothing in this period matches the filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('a.entry').count()).toBe(5);
    expect(page.url()).not.toMatch(/author=|state=|label=|account=/);
  });

  it('changes the period and the view with the keyboard, each with its heading', async () => {
    // Focus on nothing in particular: the keys work on the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('d');
    await expect.poll(() => period().textContent()).toBe(fmt(day(1), 'cccc d LLLL yyyy'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => period().textContent()).toBe(fmt(day(2), 'cccc d LLLL yyyy'));
    await entry('Launch teaser').waitFor();
    await screenshot(page, '42-calendar-day');
    await page.keyboard.press('m');
    await expect.poll(() => period().textContent()).toBe(fmt(day(2), 'LLLL yyyy'));
    await page.locator('so-month-grid a.entry', { hasText: 'Busy 1' }).waitFor();
    await screenshot(page, '43-calendar-month');
    // A month's day composes at the workspace's first default posting time (09:00 in a new workspace).
    await page.getByRole('button', { name: `New post on ${fmt(day(5), 'cccc d LLLL yyyy')}` }).click();
    await page.waitForURL(new RegExp(`/compose\\?at=${day(5).toISODate()}T09(:|%3A)00$`));
    await page.goBack();
    await page.locator('so-month-grid').waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('w');
    await page.keyboard.press('t');
    const thisMonday = DateTime.now().setZone(ZONE).startOf('week');
    await expect.poll(() => period().textContent()).toBe(`Week of ${fmt(thisMonday, 'd MMM')}`);
    expect(await week().getByTestId('now-line').count()).toBe(1);
  });

  it('lays every board column out at 1440×900 without a sideways scroll, failed and declined posts marked', async () => {
    // A post the network refuses: it fails at once (the account's sign-in is refused).
    const broken = (await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Broken' })).id as string;
    await call('PATCH', `/api/v1/accounts/${broken}`, { settings: { failStatus: 401, failCount: 1 } });
    const failed = await call('POST', '/api/v1/posts', {
      text: `Read all about it ${LONG_URL}`,
      variants: [{ accountId: broken }],
      schedule: { type: 'single', at: new Date(Date.now() + 2000).toISOString() },
    });
    await expect
      .poll(async () => ((await call('GET', `/api/v1/posts/${failed.id}`)) as { state: string }).state, {
        timeout: 60_000,
        interval: 1_000,
      })
      .toBe('failed');
    // A draft the editor declines: it goes back to Drafts with their reason.
    const draft = await call('POST', '/api/v1/posts', {
      title: 'Hot take',
      text: 'Hot take',
      variants: [{ accountId: accounts.Shop }],
    });
    const approval = await call('POST', '/api/v1/approvals', { postId: draft.id });
    await editorCall('POST', `/api/v1/approvals/${approval.id}/decline`, { reason: 'Too spicy' });

    await navLink(page, 'Board').click();
    const failedColumn = page.getByRole('region', { name: 'Failed' });
    const failedCard = failedColumn.getByRole('link', { name: /Read all about it/ });
    await failedCard.waitFor();
    const marker = failedCard.locator('.board-marker');
    expect(await marker.textContent()).toContain('Failed');
    expect(await marker.locator('svg').count()).toBe(1);
    const declined = page.getByRole('region', { name: 'Drafts' }).getByRole('link', { name: /Hot take/ });
    expect(await declined.locator('.board-marker').textContent()).toContain('Declined');
    expect(await declined.locator('.board-marker svg').count()).toBe(1);
    await declined.getByText('Too spicy').waitFor();

    // Every column in view side by side, nothing wider than the window, the long link wrapped.
    const columns = page.locator('section.board-column');
    expect(await columns.count()).toBe(6);
    const boxes = await columns.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    expect(new Set(boxes.map((b: DOMRect) => Math.round(b.top))).size).toBe(1);
    for (const b of boxes as DOMRect[]) expect(b.right).toBeLessThanOrEqual(1440);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    expect(await failedCard.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await screenshot(page, '41-board');

    // The calendar marks the failed post too, in words.
    await page.goto(`${base}/calendar?view=week`);
    await expect.poll(() => entry('Read all about it').locator('.entry-flag').textContent()).toContain('Failed');
  }, 120_000);
});
