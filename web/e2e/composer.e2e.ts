import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  launchChromium,
  navLink,
  Platform,
  PNG,
  screenshot,
  screenshotOf,
  signUpWithWorkspace,
  startPlatform,
} from './harness';

const TEXT = 'Which launch day suits you best?\nVote below, and tell us why. #launch';

/**
 * The composer in Chromium against the real platform: the post types a network takes, a poll's
 * fields, the preview drawn as the network's post with the text spaced as typed, a link's card read
 * from its page, a friendly error for a past time, and Publish now out on the Sandbox.
 */
describe('composer journey', () => {
  let platform: Platform;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  let accountId: string;
  const email = `composer-${Date.now()}@example.com`;
  const preview = () => page.getByRole('tabpanel').getByRole('article', { name: 'Preview' });

  beforeAll(async () => {
    // A page with Open Graph tags, on this machine (the platform may fetch private addresses here).
    site = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<html><head><meta property="og:title" content="Launch week: every day a new feature">' +
            '<meta property="og:description" content="What ships when"></head></html>',
        ),
    );
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/launch`;
    platform = await startPlatform({ OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const session = await signUpWithWorkspace(page, platform, {
      name: 'Cora Composer',
      email,
      workspace: 'Compose Co',
    });
    call = await apiSession(platform, email, session.workspaceId);
    accountId = (await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Poll Co' })).id as string;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  it("offers only the network's post types, and draws the text spaced as typed", async () => {
    await page.reload();
    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill(TEXT);
    await page.getByRole('checkbox', { name: /Poll Co/ }).check();
    const types = page.getByRole('radiogroup', { name: 'Post type on Sandbox' });
    await types.getByRole('radio').first().waitFor();
    expect(await types.locator('label').allTextContents()).toEqual([
      'Text',
      'Link',
      'Photo',
      'Carousel',
      'Video',
      'Poll',
    ]);

    // One run of text as typed: no gap between words beyond the space itself.
    const text = preview().locator('so-preview-text');
    await expect.poll(() => text.textContent()).toBe(TEXT);
    const spacing = await text.evaluate((element) => {
      const style = getComputedStyle(element);
      const range = document.createRange();
      const run = element.querySelector('span')!.firstChild!;
      range.setStart(run, 0);
      range.setEnd(run, 'Which launch day'.length);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return {
        wordSpacing: style.wordSpacing,
        rendered: range.getBoundingClientRect().width,
        expected: context.measureText('Which launch day').width,
      };
    });
    expect(spacing.wordSpacing).toBe('0px');
    expect(Math.abs(spacing.rendered - spacing.expected)).toBeLessThan(2);
  });

  it('takes a poll: choices, length and a first comment, shown in the preview', async () => {
    await page.getByLabel('Poll', { exact: true }).check();
    await page.getByLabel('Choice 1', { exact: true }).fill('Monday');
    await page.getByLabel('Choice 2', { exact: true }).fill('Friday');
    await page.getByRole('button', { name: 'Add a choice' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Choice 3');
    await page.keyboard.type('Sunday');
    await page.getByLabel('Poll length').selectOption({ label: '1 day' });
    await page.getByLabel('First comment (optional)').fill('Tell us why below');

    const choices = preview().getByRole('list', { name: 'Poll choices' }).getByRole('listitem');
    await expect.poll(() => choices.allTextContents()).toEqual(['Monday', 'Friday', 'Sunday']);
    await preview().getByText('0 votes · 1 day left').waitFor();
    await preview().getByText('Tell us why below').waitFor();
    await screenshotOf(preview(), 'composer-preview');
  });

  it('says a past time is in the past, in a sentence under When', async () => {
    await page.getByLabel('At a time').check();
    const past = DateTime.now().minus({ days: 1 }).toFormat("yyyy-LL-dd'T'HH:mm");
    await page.getByLabel(/Date and time/).fill(past);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page
      .locator('#schedule-error')
      .getByText('This time is in the past. Pick a later one, or choose Publish now.')
      .waitFor();
    expect(await page.getByText('schedule.at').count()).toBe(0);
  });

  it('publishes the poll now: out on the Sandbox with its choices, length and first comment', async () => {
    await page.getByLabel('Publish now').check();
    await page.getByTestId('when-hint').getByText('Goes out as soon as you press Publish now.').waitFor();
    await screenshot(page, 'composer-poll');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split('/posts/')[1];
    await expect
      .poll(async () => ((await call('GET', `/api/v1/posts/${postId}`)) as { state: string }).state, {
        timeout: 30_000,
      })
      .toBe('published');
    // The post page shows the state it loaded with: read again once the engine has sent it.
    await page.reload();
    await expect.poll(() => page.getByTestId('post-state').textContent()).toBe('Published');
    const timeline = (await call('GET', `/api/v1/accounts/${accountId}/sandbox-timeline`)) as {
      items: { postType: string; text: string; options: Record<string, unknown> }[];
    };
    expect(timeline.items[0]).toMatchObject({
      postType: 'poll',
      text: TEXT,
      options: {
        pollOptions: ['Monday', 'Friday', 'Sunday'],
        pollDurationMinutes: 1440,
        firstComment: 'Tell us why below',
      },
    });
  });

  it("orders a carousel for one account without touching the post's order, and saves it", async () => {
    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill('Three looks');
    await page.getByRole('checkbox', { name: /Poll Co/ }).check();
    await page
      .getByLabel('Attach media')
      .setInputFiles(['one.png', 'two.png', 'three.png'].map((name) => ({ name, mimeType: 'image/png', buffer: PNG })));
    await expect.poll(() => page.getByRole('list', { name: 'Attached media' }).getByRole('listitem').count()).toBe(3);
    await page.getByLabel('Carousel', { exact: true }).check();
    await page.getByRole('button', { name: 'Move three.png earlier in the carousel' }).click();
    await page.getByRole('button', { name: 'Move three.png earlier in the carousel' }).click();
    const slides = preview().getByRole('region', { name: 'Carousel' }).getByRole('img');
    await expect
      .poll(() => slides.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt'))))
      .toEqual(['three.png', 'one.png', 'two.png']);
    await page.getByLabel('Save as draft').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const post = (await call('GET', `/api/v1/posts/${page.url().split('/posts/')[1]}`)) as {
      variants: { postType: string; mediaIds: string[] }[];
    };
    const names = await Promise.all(
      post.variants[0].mediaIds.map(async (id) => (await call('GET', `/api/v1/media/${id}`)).fileName),
    );
    expect(post.variants[0].postType).toBe('carousel');
    expect(names).toEqual(['three.png', 'one.png', 'two.png']);
  });

  it("shows a link's card with the title read from its page", async () => {
    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill('Read all about it');
    await page.getByRole('checkbox', { name: /Poll Co/ }).check();
    await page.getByLabel('Link (optional)').fill(siteUrl);
    await preview().getByText('Launch week: every day a new feature').waitFor();
    await preview().getByText('127.0.0.1').waitFor();
    await screenshotOf(preview(), 'composer-link-card');
  });
});
