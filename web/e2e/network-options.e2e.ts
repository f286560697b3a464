import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchChromium, navLink, Platform, signUpWithWorkspace, startPlatform } from './harness';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHANNEL = { id: -1001234567891, type: 'channel', title: 'Quiet news', username: 'quietnews' };
const BOT = { id: 998, is_bot: true, first_name: 'Poster', username: 'quiet_bot' };

/** A Bot API stand-in answering as api.telegram.org does for one bot administering one channel. */
async function fakeBotApi(sent: Array<Record<string, unknown>>): Promise<Server> {
  const answers: Record<string, unknown> = {
    getMe: BOT,
    getChat: CHANNEL,
    getChatMember: { status: 'administrator', user: BOT, can_post_messages: true },
    getChatMemberCount: 12,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [, token, method] = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '') ?? [];
      let answer: Record<string, unknown> = { ok: false, error_code: 400, description: 'Bad Request' };
      if (token !== TOKEN) answer = { ok: false, error_code: 401, description: 'Unauthorized' };
      else if (method === 'sendMessage') {
        sent.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        answer = { ok: true, result: { message_id: 70 + sent.length, date: 1, chat: CHANNEL } };
      } else if (method && method in answers) answer = { ok: true, result: answers[method] };
      res.writeHead(answer.ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * Network options journey in Chromium: the composer draws Telegram's own options from
 * GET /networks (optionFields); "Send silently" is ticked, the post is published, and the option
 * is stored on the post's variant and reaches the Bot API as disable_notification.
 */
describe('network options journey', () => {
  const sent: Array<Record<string, unknown>> = [];
  const email = `nora-${Date.now()}@example.com`;
  let botApi: Server;
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;

  beforeAll(async () => {
    botApi = await fakeBotApi(sent);
    const url = `http://127.0.0.1:${(botApi.address() as AddressInfo).port}`;
    platform = await startPlatform({ TELEGRAM_API_URL: url });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    ({ workspaceId } = await signUpWithWorkspace(page, platform, { name: 'Nora', email, workspace: 'Quiet' }));
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    botApi?.closeAllConnections();
    await new Promise((resolve) => botApi?.close(resolve));
  });

  it("sets Telegram's silent option in the composer, and the post keeps and sends it", async () => {
    await navLink(page, 'Accounts').click();
    await page.getByText('Connect Telegram', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Connect Telegram' });
    await form.getByLabel('Bot token').fill(TOKEN);
    await form.getByLabel('Channel or group').fill('@quietnews');
    await form.getByRole('button', { name: 'Connect Telegram' }).click();
    await page.getByRole('heading', { name: 'Quiet news', exact: true }).waitFor();

    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill('Shop opens late today');
    await page.getByRole('checkbox', { name: /Quiet news/ }).check();
    await page.getByRole('group', { name: 'Telegram options' }).waitFor();
    // Keyboard: the option is reached and ticked like any checkbox.
    await page.getByLabel('Send silently').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Send silently').isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Publish now' }).check();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split('/posts/')[1];

    const api = await apiSession(platform, email, workspaceId);
    const post = (await api('GET', `/api/v1/posts/${postId}`)) as { variants: { options: Record<string, unknown> }[] };
    expect(post.variants[0].options).toMatchObject({ silent: true });
    await expect.poll(() => sent.length, { timeout: 60_000, interval: 500 }).toBe(1);
    expect(sent[0]).toMatchObject({ chat_id: String(CHANNEL.id), disable_notification: true });
  });
});
