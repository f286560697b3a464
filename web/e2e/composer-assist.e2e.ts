import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCall,
  apiSession,
  launchChromium,
  navLink,
  Platform,
  screenshot,
  signUpWithWorkspace,
  startPlatform,
} from './harness';

/**
 * The composer's helpers in Chromium against the real platform: a post saved as a template and a
 * new post started from it, a hashtag group saved and inserted, the team's own hashtags suggested,
 * AI assist with no provider (the offline writer, labelled, tagging no numbers), and a teammate
 * mentioned in a comment through the autocomplete.
 */
describe('composer assist journey', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  let base: string;
  let postId: string;
  /** A local OpenAI-compatible API standing for the provider (loopback is allowed for this platform). */
  let ai: Server;
  let aiUrl: string;
  const ownerEmail = `owner-${Date.now()}@example.com`;
  const editorEmail = `editor-${Date.now()}@example.com`;
  const postText = () => page.getByLabel('Post text');

  beforeAll(async () => {
    ai = createServer((req, res) => {
      req.resume().on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: 'c1',
            object: 'chat.completion',
            created: 1,
            model: 'local-small',
            choices: [
              { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello, bread lovers!' } },
            ],
          }),
        ),
      );
    });
    await new Promise<void>((r) => ai.listen(0, '127.0.0.1', r));
    aiUrl = `http://127.0.0.1:${(ai.address() as AddressInfo).port}/v1`;
    platform = await startPlatform({ OUTBOUND_ALLOW_PRIVATE_URLS: 'true' });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    const editorPage = await (await browser.newContext()).newPage();
    let workspaceId: string;
    ({ base, workspaceId } = await signUpWithWorkspace(page, platform, {
      name: 'Olga Owner',
      email: ownerEmail,
      workspace: 'Bakery Co',
    }));
    const own = await signUpWithWorkspace(editorPage, platform, {
      name: 'Eddie Editor',
      email: editorEmail,
      workspace: 'Eddie Own',
    });
    call = await apiSession(platform, ownerEmail, workspaceId);
    const accountId = (await call('POST', '/api/v1/accounts', { network: 'sandbox', name: 'Shop' })).id as string;
    const invite = await call('POST', '/api/v1/invites', { email: editorEmail, role: 'editor' });
    const token = new URL(invite.acceptUrl as string).searchParams.get('token');
    await (
      await apiSession(platform, editorEmail, own.workspaceId)
    )('POST', '/api/v1/invites/accept', { token });
    // The team's history: hashtags it used before.
    await call('POST', '/api/v1/posts', {
      text: 'Last year: #AutumnMenu #Pumpkin',
      variants: [{ accountId }],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await new Promise((r) => ai?.close(r));
  });

  it('saves a post as a template and starts a new post from it', async () => {
    await navLink(page, 'Compose').click();
    await postText().fill('Our autumn menu is here: pumpkin soup and fresh bread.');
    await page.getByRole('checkbox', { name: /Shop/ }).check();
    await page.getByLabel('Labels (comma-separated)').fill('menu');
    await page.getByRole('button', { name: 'Save as template' }).click();
    await page.getByLabel('Template name').fill('Autumn menu');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Saved as the template “Autumn menu”.').waitFor();
    const templates = (await call('GET', '/api/v1/post-templates')) as {
      items: { name: string; text: string; labels: string[]; variants: { accountId: string }[] }[];
    };
    expect(templates.items).toHaveLength(1);
    expect(templates.items[0]).toMatchObject({
      name: 'Autumn menu',
      text: 'Our autumn menu is here: pumpkin soup and fresh bread.',
      labels: ['menu'],
    });
    expect(templates.items[0].variants).toHaveLength(1);

    // A new post, from the template.
    await page.goto(`${base}/home`);
    await navLink(page, 'Compose').click();
    await expect.poll(() => postText().inputValue()).toBe('');
    await page.getByRole('button', { name: 'Start from a template' }).click();
    const chooser = page.getByRole('dialog', { name: 'Start from a template' });
    await chooser.getByRole('button', { name: 'Use template Autumn menu' }).click();
    await expect.poll(() => postText().inputValue()).toBe('Our autumn menu is here: pumpkin soup and fresh bread.');
    await expect.poll(() => page.getByRole('checkbox', { name: /Shop/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Labels (comma-separated)').inputValue()).toBe('menu');
  });

  it('suggests the team’s own hashtags for the text and inserts a saved hashtag group', async () => {
    const fromPosts = page.getByRole('list', { name: 'Hashtags from your posts' });
    await fromPosts.getByRole('button', { name: /^Add #AutumnMenu/ }).click();
    await expect.poll(() => postText().inputValue()).toContain('#AutumnMenu');
    // A search by prefix among the team's own hashtags.
    await page.getByLabel('Search your hashtags').fill('pump');
    await fromPosts.getByRole('button', { name: /^Add #Pumpkin/ }).waitFor();
    await expect.poll(() => fromPosts.getByRole('button').count()).toBe(1);
    await page.getByLabel('Search your hashtags').fill('');

    await page.getByText('Save hashtags as a group').click();
    await page.getByLabel('Group name').fill('Soup season');
    await page.getByLabel('Hashtags in the group').fill('#soup #autumn');
    await page.getByRole('button', { name: 'Save group' }).click();
    await page.getByRole('button', { name: 'Insert group Soup season' }).click();
    await expect.poll(() => postText().inputValue()).toMatch(/#AutumnMenu #soup #autumn$/);
    const groups = (await call('GET', '/api/v1/hashtag-groups')) as { items: { name: string; hashtags: string[] }[] };
    expect(groups.items).toEqual([expect.objectContaining({ name: 'Soup season', hashtags: ['#soup', '#autumn'] })]);
    // Changed later: the same group, one hashtag more.
    await page.getByRole('button', { name: 'Edit group Soup season' }).click();
    await expect.poll(() => page.getByLabel('Hashtags in the group').inputValue()).toBe('#soup #autumn');
    await page.getByLabel('Hashtags in the group').fill('#soup #autumn #cosy');
    await page.getByRole('button', { name: 'Save group' }).click();
    await expect
      .poll(async () => ((await call('GET', '/api/v1/hashtag-groups')) as { items: { hashtags: string[] }[] }).items)
      .toEqual([expect.objectContaining({ name: 'Soup season', hashtags: ['#soup', '#autumn', '#cosy'] })]);
    await page.locator('.groups').getByText('#soup #autumn #cosy').waitFor();
  });

  it('uses AI assist with no provider: the offline writer is labelled and tags no numbers', async () => {
    await expect
      .poll(() => page.getByTestId('assist-generator').textContent())
      .toContain('Offline writer — no AI provider set up; connect one in Settings');
    await postText().fill('Five new dishes this week: pumpkin soup, chestnut bread and twenty kinds of pastry.');
    await page.getByRole('button', { name: 'Suggest hashtags' }).click();
    const suggested = page.getByRole('list', { name: 'Suggested hashtags' });
    await suggested.getByRole('button').first().waitFor();
    const tags = await suggested.getByRole('button').allTextContents();
    expect(tags.map((t) => t.trim())).toEqual(expect.arrayContaining(['#Pumpkin']));
    for (const tag of tags) expect(tag.trim()).not.toMatch(/^#(Five|Twenty|\d+)$/);
    await suggested.getByRole('button', { name: 'Add #Pumpkin' }).click();
    await expect.poll(() => postText().inputValue()).toMatch(/ #Pumpkin$/);

    await page.getByLabel('Write about').fill('Our chestnut bread is back on Saturday');
    await page.getByRole('button', { name: 'Write caption' }).click();
    await page.getByTestId('assist-result').waitFor();
    const written = (await page.getByTestId('assist-result').textContent())!.trim();
    expect(written).toContain('Our chestnut bread is back on Saturday');
    await screenshot(page, '60-composer-assist');
    await page.getByRole('button', { name: 'Use this text' }).click();
    await expect.poll(() => postText().inputValue()).toBe(written);

    await page.getByLabel('Save as draft').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    postId = page.url().split('/posts/')[1];
    const post = (await call('GET', `/api/v1/posts/${postId}`)) as { text: string; labels: string[] };
    expect(post).toMatchObject({ text: written, labels: ['menu'] });
  });

  it('mentions a teammate in a comment through the autocomplete (arrows, Enter, Esc)', async () => {
    const box = page.getByLabel('Add a comment');
    await box.click();
    await page.keyboard.type('Can you check this, @O');
    const list = page.getByRole('listbox', { name: 'Members to mention' });
    await list.getByRole('option', { name: /Olga Owner/ }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    // Back to a bare @: every member is offered; the arrows reach Eddie.
    await page.keyboard.press('Backspace');
    await expect.poll(() => list.getByRole('option').count()).toBe(2);
    const eddie = list.getByRole('option', { name: /Eddie Editor/ });
    const index = (await list.getByRole('option').allTextContents()).findIndex((n) => n.includes('Eddie'));
    // Down twice wraps round the two members; then down to Eddie, and one up and down again.
    for (let i = 0; i < index + 2; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => eddie.getAttribute('aria-selected')).toBe('true');
    await screenshot(page, '61-mention');
    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Can you check this, @EddieEditor ');
    await page.keyboard.type('please?');
    await page.keyboard.press('Control+Enter');
    await page.locator('.comment', { hasText: 'Can you check this, @EddieEditor please?' }).waitFor();
    const comments = (await call('GET', `/api/v1/posts/${postId}/comments`)) as { items: { mentions: string[] }[] };
    expect(comments.items.at(-1)!.mentions).toEqual(['Eddie Editor']);
  });

  it('names the offline writer on the AI writer page, then saves and tests a provider the composer writes with', async () => {
    await navLink(page, 'AI writer').click();
    await expect.poll(() => page.getByTestId('ai-status').textContent()).toContain('Offline writer');
    await expect.poll(() => page.getByLabel('Base URL').inputValue()).toBe('https://api.openai.com/v1');
    await page.getByLabel('Provider').selectOption({ label: 'Groq' });
    await expect.poll(() => page.getByLabel('Base URL').inputValue()).toBe('https://api.groq.com/openai/v1');
    expect(await page.getByRole('button', { name: 'Test' }).isDisabled()).toBe(true);
    await screenshot(page, '62-ai-writer-offline');

    // A provider of its own: saved, tested, and then the composer writes with it.
    await page.getByLabel('Provider').selectOption({ label: 'Other OpenAI-compatible API' });
    await page.getByLabel('Base URL').fill(aiUrl);
    await page.getByLabel('Model').fill('local-small');
    await page.getByLabel('API key').fill('sk-local');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. Use Test to check that the provider answers.').waitFor();
    await page.getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => page.getByTestId('ai-sample').textContent()).toContain('Hello, bread lovers!');
    await screenshot(page, '62-ai-writer');
    await navLink(page, 'Compose').click();
    await expect.poll(() => page.getByTestId('assist-generator').textContent()).toContain('Writing with local-small');
    await page.getByLabel('Write about').fill('Greet our readers');
    await page.getByRole('button', { name: 'Write caption' }).click();
    await expect.poll(() => page.getByTestId('assist-result').textContent()).toContain('Hello, bread lovers!');
  });
});
