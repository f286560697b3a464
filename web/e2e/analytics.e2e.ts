import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

interface Kpi {
  value: number | null;
  previous: number | null;
  changePercent: number | null;
}

/** The app's figure formats (shared/format.ts), so a card is compared with the API's number. */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const count = (v: number | null) => (v === null ? '—' : whole.format(v));
const percent = (v: number | null) => (v === null ? '—' : `${decimal.format(v)}%`);

const COUNTS = ['followers', 'followersGained', 'impressions', 'reach', 'engagement', 'clicks', 'postsPublished'];
const RATES = ['engagementRate', 'ctr'];

/**
 * Analytics in Chromium against the real platform, from an empty workspace: load the demo history
 * from the empty overview; the overview's cards say what the API says; the best-times heatmap draws
 * 7 × 24 cells; its best times become the account's queue slots (and the undo puts the old ones
 * back); a PDF report of the period downloads and holds the overview's KPIs.
 */
describe('analytics journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let api: ApiCall;
  let downloads: string;
  const email = `analytics-${Date.now()}@example.com`;
  /** The overview's figures as the cards showed them, for the report. */
  const shown: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    downloads = mkdtempSync(join(tmpdir(), 'so-analytics-'));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    let workspaceId: string;
    ({ base, workspaceId } = await signUpWithWorkspace(page, platform, {
      name: 'Olga Overview',
      email,
      workspace: 'Metrics Co',
    }));
    api = await apiSession(platform, email, workspaceId);
    await api('PATCH', `/api/v1/workspaces/${workspaceId}`, { timeZone: DAYTIME_ZONE });
  }, 90_000);

  // What the page showed when a step failed, beside the journey's screenshots.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && page) await screenshot(page, `analytics-failed-${task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    if (downloads) rmSync(downloads, { recursive: true, force: true });
  });

  it('loads 90 days of demo history from the empty overview, whose cards then say what the API says', async () => {
    await page.goto(base);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(/\/analytics\/overview/);
    const empty = page.getByTestId('analytics-empty');
    await empty.getByRole('button', { name: 'Load 90 days of demo history' }).click();
    // Its progress shows while it runs; once done, the cards replace the empty state.
    await empty.getByRole('status').waitFor();
    const kpi = (name: string) => page.locator(`[data-kpi="${name}"] [data-testid="kpi-value"]`);
    await kpi('impressions').waitFor({ timeout: 180_000 });
    // The page's default period is the API's: the last 30 days to today, in the workspace's zone.
    const today = DateTime.now().setZone(DAYTIME_ZONE);
    const from = today.minus({ days: 29 }).toISODate();
    const to = today.toISODate();
    const overview = (await api('GET', '/api/v1/analytics/overview')) as {
      from: string;
      to: string;
      totals: Record<string, Kpi>;
      series: unknown[];
    };
    expect({ from: overview.from, to: overview.to }).toEqual({ from, to });
    for (const name of COUNTS) {
      shown[name] = ((await kpi(name).textContent()) ?? '').trim();
      expect(shown[name], name).toBe(count(overview.totals[name].value));
    }
    for (const name of RATES) {
      expect(((await kpi(name).textContent()) ?? '').trim(), name).toBe(percent(overview.totals[name].value));
    }
    expect(overview.totals.postsPublished.value).toBeGreaterThan(0);
    // The change against the previous period, as the API computed it.
    const impressions = overview.totals.impressions;
    if (impressions.changePercent !== null) {
      expect(await page.locator('[data-kpi="impressions"] [data-testid="kpi-change"]').textContent()).toContain(
        `${signed.format(impressions.changePercent)}% vs previous period ${count(impressions.previous)}`,
      );
    }

    // Each chart is drawn, and its table holds one row per day of the period.
    const followers = page.getByRole('figure', { name: 'Followers' });
    await followers.locator('svg').first().waitFor();
    await followers.getByRole('button', { name: 'Show table' }).click();
    await expect.poll(() => followers.getByRole('table').locator('tbody tr').count()).toBe(overview.series.length);
    await screenshot(page, 'analytics-overview');
  }, 240_000);

  it('draws the previous period dashed beside the overview and account lines while comparing, and lists it in their tables', async () => {
    await page.goto(`${base}/analytics/overview`);
    const overview = (await api('GET', '/api/v1/analytics/overview')) as {
      series: Array<{ day: string; followers: number | null }>;
      previousSeries: Array<{ day: string; followers: number | null }>;
    };
    const reach = page.getByRole('figure', { name: 'Impressions, reach and engagement' });
    await reach.locator('svg path.line').first().waitFor();
    const legend = () => reach.locator('.legend-label-text').allTextContents();
    await expect.poll(async () => (await legend()).map((l) => l.trim())).toContain('Impressions (previous period)');
    // Each line is drawn, the previous period's dashed and the period's own solid.
    const dashes = () =>
      reach.locator('path.line').evaluateAll((paths) => paths.map((p) => getComputedStyle(p).strokeDasharray));
    const previousLines = (await legend()).filter((l) => l.includes('(previous period)')).length;
    const ownLines = (await legend()).length - previousLines;
    // Polled: while ngx-charts' transition runs, the lines of the first drawing are still there.
    await expect
      .poll(async () => {
        const drawn = await dashes();
        return [drawn.filter((d) => d === 'none').length, drawn.filter((d) => d !== 'none').length];
      })
      .toEqual([ownLines, previousLines]);

    // The table alternative holds both periods, day by day.
    const followers = page.getByRole('figure', { name: 'Followers' });
    await followers.getByRole('button', { name: 'Show table' }).click();
    const table = followers.getByRole('table');
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.trim());
    expect(headers).toEqual(
      expect.arrayContaining(['Followers', 'Day of the previous period', 'Followers (previous period)']),
    );
    const column = headers.indexOf('Followers (previous period)');
    const firstRow = table.locator('tbody tr').first().locator('th, td');
    expect((await firstRow.nth(column).textContent())?.trim()).toBe(count(overview.previousSeries[0].followers));
    await screenshot(page, 'analytics-overview-compare');

    // Comparing off: no previous lines, no previous columns.
    await page.getByLabel('Compare to previous period').uncheck();
    await page.waitForURL(/compare=0/);
    await expect.poll(async () => (await legend()).filter((l) => l.includes('previous period')).length).toBe(0);
    // (ngx-charts removes the old lines after its transition.)
    await expect.poll(async () => (await dashes()).every((d) => d === 'none')).toBe(true);
    expect(await table.locator('thead th').allTextContents()).not.toContain('Followers (previous period)');
    await page.getByLabel('Compare to previous period').check();

    // An account's growth compares the same way.
    await page.getByRole('region', { name: 'By account' }).getByRole('link', { name: 'Demo Sandbox' }).click();
    await page.waitForURL(/\/analytics\/accounts\//);
    const growth = page.getByRole('figure', { name: 'Audience growth' });
    await growth.locator('svg path.line').first().waitFor();
    await expect
      .poll(async () => (await growth.locator('.legend-label-text').allTextContents()).map((l) => l.trim()))
      .toContain('Followers (previous period)');
    await growth.getByRole('button', { name: 'Show table' }).click();
    expect((await growth.getByRole('table').locator('thead th').allTextContents()).map((h) => h.trim())).toContain(
      'Followers (previous period)',
    );
  }, 60_000);

  it('sorts the posts table by engagement on the server, pages it, keeps the period across pages, and opens a post with its metrics over time', async () => {
    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Posts' }).click();
    // The page is there before a filter changes (a change made while the link still loads would stay on the overview).
    await page.getByTestId('analytics-posts').waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 90 days' });
    await page.waitForURL(/range=90d/);
    const table = page.getByTestId('analytics-posts');
    await table.getByRole('button', { name: 'Engagement', exact: true }).click();
    await expect.poll(() => table.locator('th[aria-sort="descending"]').textContent()).toContain('Engagement');

    const today = DateTime.now().setZone(DAYTIME_ZONE);
    const period = `from=${today.minus({ days: 89 }).toISODate()}&to=${today.toISODate()}`;
    const first = (await api('GET', `/api/v1/analytics/posts?${period}&sort=engagement&order=desc`)) as {
      items: Array<{ id: string; postId: string | null }>;
      nextCursor: string | null;
    };
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.first().getAttribute('data-post')).toBe(first.items[0].id);
    expect(await rows.count()).toBe(first.items.length);
    if (first.nextCursor) {
      const second = (await api(
        'GET',
        `/api/v1/analytics/posts?${period}&sort=engagement&order=desc&cursor=${encodeURIComponent(first.nextCursor)}`,
      )) as { items: unknown[] };
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => rows.count()).toBe(first.items.length + second.items.length);
    }
    await screenshot(page, 'analytics-posts');

    // The sub-navigation keeps the period: it lives in the link.
    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL(/\/analytics\/overview\?.*range=90d/);
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toBe('90d');

    // The best post's own page shows its figures, as the API has them.
    const top = first.items[0];
    const history = (await api('GET', `/api/v1/analytics/posts/by-post/${top.postId}`)) as {
      variants: Array<{ post: { metrics: Record<string, number | null> } }>;
    };
    await page.goto(`${base}/posts/${top.postId}`);
    const metrics = page.getByTestId('post-metrics');
    await metrics.getByRole('figure').first().waitFor();
    expect(await metrics.locator('dl').first().textContent()).toContain(
      count(history.variants[0].post.metrics.engagement),
    );
    await screenshot(page, 'analytics-post-detail');
    await page.goBack();
  }, 60_000);

  it('shows an account page with its growth, frequency and mix', async () => {
    await page.goto(`${base}/analytics/overview`);
    await page.getByRole('region', { name: 'By account' }).getByRole('link', { name: 'Demo Sandbox' }).click();
    await page.waitForURL(/\/analytics\/accounts\//);
    await page.getByRole('heading', { name: /Demo Sandbox/ }).waitFor();
    for (const name of ['Audience growth', 'Posting frequency (posts per week)', 'Content mix by post type']) {
      await page.getByRole('figure', { name }).locator('svg').first().waitFor();
    }
    expect(await page.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
    await screenshot(page, 'analytics-account');
    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Overview' }).click();
  });

  it('draws the best-times heatmap, cell by cell with its posts, and moves through it by keyboard', async () => {
    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Best times' }).click();
    const grid = page.getByRole('grid', { name: 'Engagement rate by weekday and hour' });
    await grid.waitFor();
    await expect.poll(() => grid.locator('td.cell').count()).toBe(168);

    const accounts = (await api('GET', '/api/v1/accounts')) as { items: { id: string }[] };
    const best = (await api('GET', `/api/v1/analytics/best-times?account=${accounts.items[0].id}`)) as {
      cells: Array<{ weekday: number; hour: number; posts: number; value: number | null }>;
    };
    const measured = best.cells.find((c) => c.value !== null);
    expect(measured, 'a cell with enough posts').toBeDefined();
    const cell = grid.locator(`[data-cell="${measured!.weekday}-${measured!.hour}"]`);
    expect(await cell.getAttribute('title')).toContain(
      `engagement rate ${percent(measured!.value)} from ${measured!.posts} post`,
    );

    // One tab stop; the arrows move between cells.
    const focusable = grid.locator('td[tabindex="0"]');
    await focusable.focus();
    const start = await focusable.getAttribute('data-cell');
    await page.keyboard.press('ArrowRight');
    const [weekday, hour] = start!.split('-').map(Number);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell')))
      .toBe(`${weekday}-${Math.min(23, hour + 1)}`);
    await screenshot(page, 'analytics-best-times');
  });

  it("makes the account's best times its queue slots, after asking, and puts the old ones back on undo", async () => {
    const accounts = (await api('GET', '/api/v1/accounts')) as { items: { id: string }[] };
    const accountId = accounts.items[0].id;
    const slotsOf = async () => {
      const { slots } = (await api('GET', `/api/v1/accounts/${accountId}/queue-slots`)) as {
        slots: Array<{ weekday: number; localTime: string }>;
      };
      return slots.map((s) => `${s.weekday} ${s.localTime}`).sort();
    };
    const before = await slotsOf();
    const { best } = (await api('GET', `/api/v1/analytics/best-times?account=${accountId}`)) as {
      best: Array<{ weekday: number; hour: number }>;
    };
    expect(best.length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Use best times as queue slots' }).click();
    const dialog = page.getByRole('dialog', { name: 'Use best times as queue slots?' });
    await dialog.getByRole('button', { name: 'Use these times' }).click();
    await page.getByText(/queue slots are now/).waitFor();
    const expected = best.map((b) => `${b.weekday} ${String(b.hour).padStart(2, '0')}:00`).sort();
    expect(await slotsOf()).toEqual(expected);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('The previous queue slots are back').waitFor();
    expect(await slotsOf()).toEqual(before);
  });

  it("makes a PDF report of the period that holds the overview's KPIs", async () => {
    await page.getByRole('navigation', { name: 'Analytics' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('button', { name: 'Create PDF report' }).click();
    const ready = page.getByRole('status').filter({ hasText: 'is ready' });
    await ready.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ready.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const name of ['impressions', 'reach', 'engagement', 'postsPublished']) {
      expect(text, `the PDF's ${name}`).toContain(shown[name]);
    }
  }, 120_000);
});
