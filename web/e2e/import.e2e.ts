import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchChromium, Platform, screenshot, signUpWithWorkspace, startPlatform } from './harness';

/** A planner imports a sheet of posts: the page follows the job to its end and lists the rows it refused. */
describe('importing posts from a sheet', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let base: string;
  let workspaceId: string;
  const email = `importer-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    ({ base, workspaceId } = await signUpWithWorkspace(page, platform, {
      name: 'Ines Importer',
      email,
      workspace: 'Sheets Co',
    }));
    const api = await apiSession(platform, email, workspaceId);
    for (const name of ['Brand A', 'Brand B']) await api('POST', '/api/v1/accounts', { network: 'sandbox', name });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('imports 1,200 rows, showing the posts in and each refused row by row and column', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => {
      if (i === 499) return 'Nobody is connected,Brand Z,';
      if (i === 899) return 'Bad time,Brand A,next tuesday';
      return `Imported post ${i},${i % 2 ? 'Brand A' : 'Brand B'},`;
    });
    await page.goto(`${base}/import`);
    await page.getByLabel('CSV or XLSX file').setInputFiles({
      name: 'posts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['text,accounts,scheduled_at', ...rows].join('\n')),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const status = page.locator('.import-status');
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toContain('Imported 1198 post(s); 2 problem(s) below.');
    const cells = await Promise.all(
      (await page.locator('table tbody tr').all()).map(async (row) =>
        (await row.locator('td').allTextContents()).map((text) => text.trim()),
      ),
    );
    expect(cells).toEqual([
      ['501', 'accounts', 'no connected account named or with the id Brand Z'],
      ['901', 'scheduled_at', expect.stringContaining('next tuesday is not a time')],
    ]);
    await screenshot(page, '60-import');
    const api = await apiSession(platform, email, workspaceId);
    const page1 = await api('GET', '/api/v1/posts?limit=1');
    expect((page1.items as { text: string; source: string }[])[0]).toMatchObject({
      text: 'Imported post 1199',
      source: 'import',
    });
  }, 90_000);
});
