import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  DAYTIME_ZONE,
  launchChromium,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
} from './harness';

/** Key figures the overview shows and the PDF prints in the same words (counts: the same grouping). */
const COUNT_KPIS = ['impressions', 'reach', 'engagement', 'postsPublished'] as const;

/** Reads a background job through the API until it has finished (set-up runs outside a test: no expect.poll). */
async function finished(api: ApiCall, jobId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await api('GET', `/api/v1/jobs/${jobId}`);
    if (job.status === 'completed' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(job.status)} after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Competitors and reports in Chromium against the real platform, after 90 days of Sandbox demo
 * history (which tracks two Sandbox competitors of its own): track another and see it beside our account; make a PDF of the period, download
 * it and find the overview's KPIs in its text (pdftotext); schedule a weekly report, see its next run,
 * cancel it.
 */
describe('analytics reports journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: ApiCall;
  let downloads: string;
  const email = `analyst-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    downloads = mkdtempSync(join(tmpdir(), 'so-report-'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    let workspaceId: string;
    ({ base, workspaceId } = await signUpWithWorkspace(page, platform, {
      name: 'Ana Analyst',
      email,
      workspace: 'Numbers Co',
    }));
    api = await apiSession(platform, email, workspaceId);
    await api('PATCH', `/api/v1/workspaces/${workspaceId}`, { timeZone: DAYTIME_ZONE });
    await api('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Cafe demo' });
    const { job_id } = (await api('POST', '/api/v1/analytics/demo-history', {})) as { job_id: string };
    expect((await finished(api, job_id)).status).toBe('completed');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('tracks a Sandbox competitor beside our account, and says which networks cannot be tracked', async () => {
    await page.goto(`${base}/analytics/competitors`);
    const form = page.getByRole('region', { name: 'Track a competitor' });
    await form.waitFor();

    // LinkedIn shows no public figures: said beside the network, before anything is sent.
    await form.getByLabel('Network').selectOption({ label: 'LinkedIn' });
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain("LinkedIn doesn't let us read public figures");
    expect(await form.getByRole('button', { name: 'Add competitor' }).isDisabled()).toBe(true);

    // A handle that is no handle is refused beside the handle.
    await form.getByLabel('Network').selectOption({ label: 'Sandbox' });
    await form.getByLabel('Handle').fill('rival cafe!');
    await form.getByRole('button', { name: 'Add competitor' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Handle must be a handle');

    await form.getByLabel('Handle').fill('@rival_cafe');
    await form.getByLabel('Handle').press('Enter');
    await form.getByText('Now tracking @rival_cafe').waitFor();

    const table = page.getByRole('table', { name: 'Competitors compared with your accounts' });
    const rival = table.getByRole('row').filter({ hasText: '@rival_cafe' });
    await rival.waitFor();
    expect(await rival.getByRole('cell').first().textContent()).toContain('Sandbox');
    // Our account is in the same table, for comparison.
    await table.getByRole('row').filter({ hasText: 'Cafe demo' }).waitFor();
    await page.getByRole('heading', { name: 'Follower growth' }).waitFor();
    await screenshot(page, 'analytics-competitors');

    // Removing can be undone while its undo is offered (its history is only deleted afterwards).
    await rival.getByRole('button', { name: 'Stop tracking @rival_cafe' }).click();
    await expect.poll(() => rival.count()).toBe(0);
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await rival.waitFor();
    const listed = (await api('GET', '/api/v1/analytics/competitors')) as { items: { handle: string }[] };
    expect(listed.items.map((c) => c.handle)).toContain('rival_cafe');
  });

  it('makes a PDF report of the period that holds the KPIs the overview shows', async () => {
    await page.goto(`${base}/analytics/overview`);
    const kpi = (name: string) => page.locator(`[data-kpi="${name}"] [data-testid="kpi-value"]`);
    await kpi('impressions').waitFor();
    const shown: Record<string, string> = {};
    for (const name of COUNT_KPIS) shown[name] = ((await kpi(name).textContent()) ?? '').trim();
    // Demo history published posts with metrics: the figures are real numbers, not dashes.
    for (const name of COUNT_KPIS) expect(shown[name]).toMatch(/^[\d,]+$/);

    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'PDF report' }).waitFor();
    await page.getByText('No report yet.').waitFor();
    await page.getByRole('button', { name: 'Create PDF report' }).click();
    const ready = page.getByRole('status').filter({ hasText: 'is ready' });
    await ready.waitFor({ timeout: 60_000 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ready.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const name of COUNT_KPIS) expect(text, `the PDF's ${name}`).toContain(shown[name]);
    expect(text).toContain('Numbers Co');

    // The list holds it, and downloads it again.
    const listed = page.getByRole('region', { name: 'Generated reports' }).getByRole('row');
    await expect.poll(() => listed.count()).toBe(2);
    await screenshot(page, 'analytics-reports');
  }, 120_000);

  it('schedules a weekly report to a member and an address, shows its next run, and cancels it', async () => {
    const schedules = page.getByRole('region', { name: 'Scheduled reports' });
    await schedules.getByText('No scheduled report.').waitFor();
    const form = schedules.getByRole('form', { name: 'New scheduled report' });
    await form.getByLabel('Name').fill('Monday numbers');
    await form.getByLabel('Weekly').check();
    await form.getByLabel('Day', { exact: true }).selectOption({ label: 'Monday' });
    await form.getByLabel('Hour').selectOption({ label: '08:00' });

    // No one to send to: said before anything is sent.
    await form.getByRole('button', { name: 'Create schedule' }).click();
    await expect.poll(() => form.getByRole('alert').first().textContent()).toContain('Pick at least one member');

    await form.getByRole('checkbox', { name: /Ana Analyst/ }).check();
    await form.getByLabel('Other addresses').fill('client@example.com');
    await form.getByRole('button', { name: 'Create schedule' }).click();

    const item = schedules.getByRole('listitem').filter({ hasText: 'Monday numbers' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Every Monday at 08:00');
    expect(await item.textContent()).toContain('Ana Analyst, client@example.com');
    // The next run is a Monday, at 08:00 in the workspace's zone.
    expect((await item.getByRole('definition').first().textContent())?.trim()).toMatch(
      /^Mon \d{1,2} \w{3}( \d{4})?, 08:00$/,
    );
    await screenshot(page, 'analytics-schedule');

    // Changed to monthly: the form starts from the schedule as it is, and the next run follows.
    await item.getByRole('button', { name: 'Edit Monday numbers' }).click();
    const edit = schedules.getByRole('form', { name: 'Change Monday numbers' });
    expect(await edit.getByLabel('Other addresses').inputValue()).toBe('client@example.com');
    await edit.getByLabel('Monthly').check();
    await edit.getByLabel('Day of the month').selectOption({ label: '1' });
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => item.textContent()).toContain('Monthly on the 1st at 08:00');
    expect((await item.getByRole('definition').first().textContent())?.trim()).toMatch(
      /^\w{3} 1 \w{3}( \d{4})?, 08:00$/,
    );

    await item.getByRole('button', { name: 'Cancel Monday numbers' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel schedule' }).click();
    await expect.poll(() => item.count()).toBe(0);
    // It stays listed as cancelled, and is never sent again.
    await schedules.getByText('Cancelled schedules (1)').waitFor();
    await schedules.getByText('No scheduled report.').waitFor();
    const left = (await api('GET', '/api/v1/analytics/reports/schedules')) as {
      items: { name: string; nextRunAt: string | null; cancelledAt: string | null }[];
    };
    expect(left.items).toEqual([
      expect.objectContaining({ name: 'Monday numbers', nextRunAt: null, cancelledAt: expect.any(String) }),
    ]);
  });
  it('lists hashtags sortable by any figure with their top posts, and downloads them as CSV', async () => {
    await page.goto(`${base}/analytics/hashtags`);
    const table = page.getByRole('table', { name: /^Hashtags of the period/ });
    await table.waitFor();
    await page.getByRole('heading', { name: 'Top 10 hashtags by engagement' }).waitFor();
    const reach = table.getByRole('columnheader', { name: 'Reach' });
    await reach.getByRole('button').click();
    await expect.poll(() => reach.getAttribute('aria-sort')).toBe('descending');
    const reachOf = async () =>
      (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
    await expect
      .poll(async () => {
        const values = await reachOf();
        return values.length > 1 && values.every((v, i) => i === 0 || values[i - 1] >= v);
      })
      .toBe(true);
    // Again: lowest first.
    await reach.getByRole('button').click();
    await expect.poll(() => reach.getAttribute('aria-sort')).toBe('ascending');

    // A hashtag opens its top posts from the keyboard.
    const first = table.getByRole('rowheader').first().getByRole('button');
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
    // Its top posts, or (a hashtag of the lowest reach may have none with metrics yet) a line saying so.
    const controls = (await first.getAttribute('aria-controls'))!;
    await expect.poll(() => table.locator(`[id="${controls}"]`).textContent()).toMatch(/engagement|has metrics yet/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download hashtags as CSV' }).click(),
    ]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8').split(/\r?\n/)[0]).toContain('tag,posts,impressions,reach');
    await screenshot(page, 'analytics-hashtags');

    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Members' }).click();
    // Demo history's posts are the member's who loaded it.
    await page.getByRole('heading', { name: 'Posts by member' }).waitFor();
    const author = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Ana Analyst' }) });
    expect(Number((await author.getByRole('cell').nth(1).textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await screenshot(page, 'analytics-members');
  });
});
