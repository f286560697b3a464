import { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, navLink, Platform, startPlatform, signUpWithWorkspace } from './harness';

/**
 * The built web app under the platform's Content-Security-Policy, in real Chromium: it loads its
 * stylesheet (Angular's inline loader, allowed by hash), renders and navigates with no violation;
 * the API docs too; and no page of ours can be framed by another site.
 */
describe('the web app under its security headers', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    context = await browser.newContext();
    // Every page records the policy's refusals before any of its own code runs.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      );
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const pageViolations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  it('loads the stylesheet, signs up and moves around with no policy violation', async () => {
    const response = await page.goto(`${platform.url}/sign-in`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    // The critical-CSS loader switched the stylesheet on: its inline handler ran under the policy.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('link[rel="stylesheet"]')?.getAttribute('media')))
      .toBe('all');
    await signUpWithWorkspace(page, platform, {
      name: 'Casey Csp',
      email: `csp-${Date.now()}@example.com`,
      workspace: 'Policy Inc',
    });
    for (const name of ['Calendar', 'Automations', 'Board']) {
      await navLink(page, name).click();
      // Not 'networkidle': the notification bell keeps its stream open, so the network never idles.
      await page.getByRole('heading', { name, exact: true }).waitFor();
      await page.waitForTimeout(300);
    }
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('renders the API docs with no policy violation', async () => {
    await page.goto(`${platform.url}/api/docs`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(await pageViolations()).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('cannot be framed by another site', async () => {
    const framing = await context.newPage();
    await framing.setContent(`<iframe id="f" src="${platform.url}/sign-in"></iframe>`);
    await framing.waitForTimeout(1000);
    const frame = framing.frames().find((f) => f.url().startsWith(platform.url));
    // Chromium leaves the refused frame empty (or on an error page): our app never runs in it.
    const rendered = frame
      ? await frame.evaluate(() => document.querySelector('so-root') !== null).catch(() => false)
      : false;
    expect(rendered).toBe(false);
  });
});
