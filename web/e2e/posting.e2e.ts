import { DateTime } from 'luxon';
import { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  DAYTIME_ZONE,
  launchChromium,
  navLink,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
  PNG,
} from './harness';

const ZONE = DAYTIME_ZONE;

/** The workspace's logo: any image the platform serves. */
const LOGO = (url: string) => `${url}/assets/favicon.svg`;
/** The workspace's primary colour (#0f766e) as the browser computes it. */
const BRAND_RGB = 'rgb(15, 118, 110)';
/** A new workspace's default posting times. */
const POSTING_TIMES = ['09:00', '12:30', '17:00'];

/** The next default posting time at least 15 minutes from now, as the schedule picker offers it first. */
function nextPostingTime(): DateTime {
  const earliest = DateTime.now().setZone(ZONE).plus({ minutes: 15 });
  const candidates = [0, 1].flatMap((day) =>
    POSTING_TIMES.map((t) => {
      const [hour, minute] = t.split(':').map(Number);
      return earliest.startOf('day').plus({ days: day }).set({ hour, minute });
    }),
  );
  return candidates.find((at) => at >= earliest)!;
}

const backgroundOf = (locator: Locator) => locator.evaluate((e) => getComputedStyle(e).backgroundColor);

/** Drags with the small pointer steps the CDK needs to notice a drag. */
async function drag(page: Page, source: Locator, target: Locator): Promise<void> {
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 12 });
  await page.mouse.up();
}

/**
 * The posting journey in Chromium against the real platform (its publishing engine running):
 * Sandbox accounts → compose for two → schedule → calendar → drag to another day → published on
 * the Sandbox at the new time; add to queue takes the next slot; a recurring post shows its
 * occurrences.
 */
describe('posting journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: (path: string) => Promise<Record<string, unknown>>;
  let call: ApiCall;
  const email = `planner-${Date.now()}@example.com`;
  const nav = (name: string) => navLink(page, name);

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    const session = await signUpWithWorkspace(page, platform, {
      name: 'Paula Planner',
      email,
      workspace: 'Posting Co',
    });
    await page.getByLabel('Time zone').selectOption(ZONE);
    await page.getByLabel('Logo URL').fill(LOGO(platform.url));
    await page.getByLabel('Primary colour').fill('#0f766e');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    base = session.base;
    call = await apiSession(platform, email, session.workspaceId);
    api = (path) => call('GET', path);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it("shows the workspace's name, logo and colour in the app header", async () => {
    const brand = page.getByTestId('workspace-brand');
    await expect.poll(() => brand.textContent()).toContain('Posting Co');
    expect(await brand.getByRole('img', { name: 'Posting Co logo' }).getAttribute('src')).toBe(LOGO(platform.url));
    expect(await backgroundOf(page.locator('.topbar .logo'))).toBe(BRAND_RGB);
  });

  it('connects two Sandbox accounts, marked as demo, and gives one a queue time', async () => {
    await nav('Accounts').click();
    await page.getByText('No accounts yet').waitFor();
    await page.getByRole('button', { name: 'Connect Sandbox account' }).click();
    await expect.poll(() => page.locator('#sandbox-name-error').textContent()).toContain('Name the account');
    for (const name of ['Brand A', 'Brand B']) {
      await page.getByLabel('Sandbox account name').fill(name);
      await page.getByRole('button', { name: 'Connect Sandbox account' }).click();
      await page.getByRole('heading', { name, exact: true }).waitFor();
    }
    expect(await page.locator('.account .demo-tag').count()).toBe(2);
    const brandB = page.locator('li.account', { has: page.getByRole('heading', { name: 'Brand B' }) });
    await brandB.getByText('Queue times').click();
    const slot = DateTime.now().setZone(ZONE).plus({ days: 2 });
    await brandB.getByLabel('Day').selectOption({ label: slot.toFormat('cccc') });
    await brandB.getByLabel('Time').fill('16:45');
    await brandB.getByRole('button', { name: 'Add time' }).click();
    await brandB.getByText(`${slot.toFormat('cccc')} 16:45`).waitFor();
    await screenshot(page, '20-accounts');
  });

  let postId: string;
  let firstAt: DateTime;

  it('composes for both accounts with live counts, a per-account text and previews, and schedules it', async () => {
    await nav('Compose').click();
    await page.getByLabel('Post text').fill('Big news: our #launch is live');
    await page.getByRole('checkbox', { name: /Brand A/ }).check();
    await page.getByRole('checkbox', { name: /Brand B/ }).check();
    await page.getByLabel('Attach media').setInputFiles({ name: 'launch.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.media-list').getByText('launch.png').waitFor();
    await page.getByRole('tab', { name: 'Brand B' }).click();
    await page.getByLabel('Text for Brand B').fill('x'.repeat(501));
    await expect.poll(() => page.getByRole('tabpanel').locator('.counter').textContent()).toContain('501 / 500');
    await page.getByRole('list', { name: 'Problems for Brand B' }).getByText('Sandbox allows 500').waitFor();
    await page.getByLabel('Text for Brand B').fill('Brand B says: the #launch is live');
    await expect.poll(() => page.getByRole('tabpanel').locator('.counter').textContent()).toContain('33 / 500');
    await page.getByRole('tabpanel').getByLabel('Preview').getByText('#launch').waitFor();
    await page.getByRole('tab', { name: 'Brand A' }).click();
    await page.getByRole('tabpanel').getByLabel('Preview').getByText('Big news').waitFor();
    await page.getByRole('tabpanel').getByLabel('Preview').getByRole('img', { name: 'launch.png' }).waitFor();

    // Tomorrow, a minute or two from now: dragged to today it is due shortly after.
    firstAt = DateTime.now().setZone(ZONE).plus({ days: 1, seconds: 75 }).endOf('minute').plus({ milliseconds: 1 });
    await page.getByLabel('At a time').check();
    // The workspace's default posting times: the next one is offered first, each a click away for the chosen day.
    const dateTime = page.getByLabel(/Date and time/);
    // Polled: ngModel writes the input's value a tick after the change it shows.
    await expect.poll(() => dateTime.inputValue()).toBe(nextPostingTime().toFormat("yyyy-LL-dd'T'HH:mm"));
    await page.getByRole('button', { name: 'Post at 17:00' }).click();
    await expect.poll(() => dateTime.inputValue()).toBe(`${nextPostingTime().toISODate()}T17:00`);
    await page.getByLabel(/Date and time/).fill(firstAt.toFormat("yyyy-LL-dd'T'HH:mm"));
    await screenshot(page, '21-composer');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    postId = page.url().split('/posts/')[1];
    await expect.poll(() => page.getByTestId('post-state').textContent()).toBe('Scheduled');
    expect(await page.locator('tbody tr[data-variant]').count()).toBe(2);
  });

  it('shows on the calendar, is dragged to today, and is published on the Sandbox at the new time', async () => {
    await nav('Calendar').click();
    // The month grid always holds both today and tomorrow (six full weeks around this month).
    await page.getByRole('button', { name: 'Month' }).click();
    const tomorrow = page.locator(`section.day[data-date="${firstAt.toISODate()}"]`);
    const today = page.locator(`section.day[data-date="${firstAt.minus({ days: 1 }).toISODate()}"]`);
    await expect.poll(() => tomorrow.locator('a.entry').count()).toBe(2);
    await screenshot(page, '22-calendar');
    await drag(page, tomorrow.locator('a.entry').first(), today);
    await page.getByText(/Moved “/).waitFor();
    await expect.poll(() => today.locator('a.entry').count()).toBe(2);

    const moved = firstAt.minus({ days: 1 });
    const post = (await api(`/api/v1/posts/${postId}`)) as { variants: { scheduledAt: string }[] };
    expect(post.variants.map((v) => v.scheduledAt)).toEqual([moved.toUTC().toISO(), moved.toUTC().toISO()]);

    // The platform's engine publishes it when due (a minute or two from now).
    await expect
      .poll(async () => ((await api(`/api/v1/posts/${postId}`)) as { state: string }).state, {
        timeout: 180_000,
        interval: 2_000,
      })
      .toBe('published');
    await page.goto(`${base}/posts/${postId}`);
    await expect.poll(() => page.getByTestId('post-state').textContent()).toBe('Published');
    const jobs = (await api(`/api/v1/posts/${postId}/attempts`)) as {
      items: { publishedAt: string; occurrenceAt: string }[];
    };
    expect(jobs.items).toHaveLength(2);
    for (const job of jobs.items) {
      expect(job.occurrenceAt).toBe(moved.toUTC().toISO());
      expect(new Date(job.publishedAt).getTime()).toBeGreaterThanOrEqual(moved.toMillis());
    }
    await screenshot(page, '23-published');

    await nav('Accounts').click();
    await page
      .locator('li.account', { has: page.getByRole('heading', { name: 'Brand B' }) })
      .getByRole('link', { name: 'Sandbox timeline' })
      .click();
    const published = page.locator('li.sandbox-post', { hasText: 'Brand B says: the #launch is live' });
    await published.waitFor();
    expect(await published.locator('img').count()).toBe(1);
    await screenshot(page, '24-sandbox-timeline');
  }, 240_000);

  it('adds to the queue: the post takes the next free slot', async () => {
    await nav('Compose').click();
    await page.getByLabel('Post text').fill('From the queue');
    await page.getByRole('checkbox', { name: /Brand B/ }).check();
    await page.getByLabel('Add to queue').check();
    await page.getByRole('button', { name: 'Add to queue' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const slot = DateTime.now().setZone(ZONE).plus({ days: 2 }).set({ hour: 16, minute: 45 });
    await page.getByRole('cell', { name: slot.toFormat('EEE d MMM, HH:mm') }).waitFor();
  });

  it('schedules at the best time: an account without analytics history takes its next queue time', async () => {
    await nav('Compose').click();
    await page.getByLabel('Post text').fill('When it suits them');
    await page.getByRole('checkbox', { name: /Brand B/ }).check();
    await page.getByLabel('At the best time').check();
    await page.getByRole('button', { name: 'Schedule at the best time' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await page.getByText('From the queue').waitFor();
  });

  it('shows a recurring post at each occurrence on the calendar', async () => {
    await nav('Compose').click();
    await page.getByLabel('Post text').fill('Daily tip');
    await page.getByRole('checkbox', { name: /Brand A/ }).check();
    await page.getByLabel('Repeat').check();
    const start = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 8, minute: 30 });
    await page.getByLabel(/First time/).fill(start.toFormat("yyyy-LL-dd'T'HH:mm"));
    await page.getByLabel('Repeats').selectOption('daily');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await nav('Calendar').click();
    await page.getByRole('button', { name: 'Week' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    const daily = page.locator('a.entry', { hasText: 'Daily tip' });
    await expect.poll(() => daily.count()).toBe(7);
    expect(await daily.locator('.entry-time').allTextContents()).toEqual(Array(7).fill('08:30'));
    await screenshot(page, '25-recurring');
  });

  it('lays the posts out on the board; dragging a draft to approval asks for it, dragging it back withdraws it', async () => {
    await nav('Compose').click();
    await page.getByLabel('Post text').fill('Needs a nod');
    await page.getByRole('checkbox', { name: /Brand A/ }).check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const draftId = page.url().split('/posts/')[1];

    await nav('Board').click();
    const scheduled = page.getByRole('region', { name: 'Scheduled' });
    await scheduled.getByText('From the queue').waitFor();
    await page.getByRole('region', { name: 'Published' }).getByText('Big news').waitFor();
    await screenshot(page, '26-board');

    const drafts = page.getByRole('region', { name: 'Drafts' });
    const awaiting = page.getByRole('region', { name: 'Awaiting approval' });
    const approvalsOf = async (state: string) =>
      ((await api(`/api/v1/approvals?state=${state}`)) as { items: { postId: string }[] }).items.filter(
        (a) => a.postId === draftId,
      );
    await drag(page, drafts.getByRole('link', { name: 'Needs a nod' }), awaiting);
    await awaiting.getByRole('link', { name: 'Needs a nod' }).waitFor();
    await expect.poll(() => approvalsOf('pending')).toHaveLength(1);

    // The client's approval link shows whose post it is, in the workspace's branding.
    const [approval] = (await approvalsOf('pending')) as unknown as { id: string }[];
    const { url } = (await call('POST', `/api/v1/approvals/${approval.id}/link`)) as { url: string };
    const client = await (await browser.newContext()).newPage();
    await client.goto(url);
    const brand = client.getByTestId('client-brand');
    await brand.getByText('Posting Co').waitFor();
    expect(await brand.getByRole('img', { name: 'Posting Co logo' }).getAttribute('src')).toBe(LOGO(platform.url));
    expect(await backgroundOf(client.getByRole('button', { name: 'Approve' }))).toBe(BRAND_RGB);
    await screenshot(client, '27-client-approval-branded');

    await drag(page, awaiting.getByRole('link', { name: 'Needs a nod' }), drafts);
    await drafts.getByRole('link', { name: 'Needs a nod' }).waitFor();
    await expect.poll(() => approvalsOf('pending')).toEqual([]);
    expect(await approvalsOf('withdrawn')).toHaveLength(1);
    // The client's link says so, and offers nothing to decide.
    await client.reload();
    await client.getByText('The team withdrew this request; there is nothing to decide.').waitFor();
    expect(await client.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await client.close();
  });
});
