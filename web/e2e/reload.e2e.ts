import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PASSWORD, Platform, startPlatform } from './harness';

/**
 * A reload restores the session with exactly one token refresh, shared by everything that needs it
 * at once (the route guards, the first API calls), and no API call fails on the way.
 */
describe('reloading the app', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await page.goto(`${platform.url}/sign-up`);
    await page.getByLabel('Your name').fill('Rita Reload');
    await page.getByLabel('Email').fill(`reload-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('No workspace yet').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Reload Inc');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL(/\/w\/[0-9a-f-]{36}\/settings$/);
    workspaceId = page.url().split('/w/')[1].split('/')[0];
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** The API calls one navigation makes, once the page shows `ready`, and the ones that failed. */
  async function apiCallsOf(navigate: () => Promise<unknown>, ready: string) {
    const calls: string[] = [];
    const failed: string[] = [];
    const onRequest = (request: { url(): string; method(): string }) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) calls.push(`${request.method()} ${url.pathname}`);
    };
    const onResponse = (response: { url(): string; status(): number }) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/api/') && response.status() >= 400)
        failed.push(`${response.status()} ${url.pathname}`);
    };
    page.on('request', onRequest);
    page.on('response', onResponse);
    try {
      await navigate();
      await page.getByRole('heading', { name: ready, exact: true }).waitFor();
      // Not 'networkidle': the notification bell keeps a stream open. The failing call and the
      // second refresh came before the page showed; a moment more catches any straggler.
      await page.waitForTimeout(500);
    } finally {
      page.off('request', onRequest);
      page.off('response', onResponse);
    }
    return { calls, failed, refreshes: calls.filter((c) => c === 'POST /api/v1/auth/refresh').length };
  }

  it('reloads a workspace page with one refresh and no failed call', async () => {
    await page.goto(`${platform.url}/w/${workspaceId}/calendar`);
    await page.getByRole('heading', { name: 'Calendar', exact: true }).waitFor();
    const reload = await apiCallsOf(() => page.reload(), 'Calendar');
    expect(reload.failed).toEqual([]);
    expect(reload.refreshes).toBe(1);
    expect(reload.calls.filter((c) => c === 'GET /api/v1/workspaces')).toHaveLength(1);
  });

  it('opens the home page and the workspace list afresh with one refresh each and no failed call', async () => {
    const home = await apiCallsOf(() => page.goto(platform.url), 'Home');
    expect(home.failed).toEqual([]);
    expect(home.refreshes).toBe(1);
    expect(page.url()).toContain(`/w/${workspaceId}/home`);
    const picker = await apiCallsOf(() => page.goto(`${platform.url}/workspaces`), 'Your workspaces');
    expect(picker.failed).toEqual([]);
    expect(picker.refreshes).toBe(1);
  });
});
