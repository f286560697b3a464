import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, navLink, Platform, screenshot, signUpWithWorkspace, startPlatform } from './harness';

const GOOD_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const BAD_TOKEN = '123456789:ZZZdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHANNEL = { id: -1001234567890, type: 'channel', title: 'Bakery news', username: 'bakerynews' };
const BOT = { id: 999, is_bot: true, first_name: 'Poster', username: 'poster_bot' };

/** A Bot API stand-in: answers as api.telegram.org does for one bot administering one channel. */
class FakeBotApi {
  readonly sent: Array<Record<string, unknown>> = [];
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeBotApi> {
    const server = createServer();
    const fake = new FakeBotApi(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const [, token, method] = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? '') ?? [];
        const answer = fake.answer(token, method, Buffer.concat(chunks).toString('utf8'));
        res.writeHead(answer.ok ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(token: string | undefined, method: string | undefined, body: string): Record<string, unknown> {
    if (token !== GOOD_TOKEN) return { ok: false, error_code: 401, description: 'Unauthorized' };
    const result: Record<string, unknown> = {
      getMe: BOT,
      getChat: CHANNEL,
      getChatMember: { status: 'administrator', user: BOT, can_post_messages: true },
      getChatMemberCount: 120,
    };
    if (method === 'sendMessage') {
      this.sent.push(JSON.parse(body) as Record<string, unknown>);
      return { ok: true, result: { message_id: 40 + this.sent.length, date: 1, chat: CHANNEL } };
    }
    return method && method in result ? { ok: true, result: result[method] } : { ok: false, error_code: 400 };
  }
}

/**
 * Networks journey in Chromium: every network listed on the accounts page; Telegram connected
 * through its credentials form against a local Bot API (a refused token shown at its field);
 * a post composed with Telegram's preview, published now, and seen arriving at the Bot API.
 */
describe('networks journey', () => {
  let telegram: FakeBotApi;
  let platform: Platform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    telegram = await FakeBotApi.start();
    platform = await startPlatform({ TELEGRAM_API_URL: telegram.url });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
    await signUpWithWorkspace(page, platform, {
      name: 'Tess Telegram',
      email: `tess-${Date.now()}@example.com`,
      workspace: 'Bakery',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await telegram?.close();
  });

  it('lists every network, says what an unconfigured one needs, and connects Telegram with its bot token', async () => {
    await navLink(page, 'Accounts').click();
    const list = page.locator('ul.connect-list');
    await expect.poll(() => list.locator('li').count()).toBe(13);
    await page.getByTestId('needs-x').getByText('Needs X_CLIENT_ID and X_CLIENT_SECRET').waitFor();

    await page.getByText('Connect Telegram', { exact: true }).first().click();
    const form = page.getByRole('form', { name: 'Connect Telegram' });
    expect(await form.getByLabel('Bot token').getAttribute('type')).toBe('password');
    await form.getByLabel('Bot token').fill(BAD_TOKEN);
    await form.getByLabel('Channel or group').fill('@bakerynews');
    await form.getByRole('button', { name: 'Connect Telegram' }).click();
    await expect.poll(() => page.locator('#connect-telegram-botToken-error').textContent()).toContain('refused');
    expect(await form.getByLabel('Bot token').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Bot token').fill(GOOD_TOKEN);
    await form.getByRole('button', { name: 'Connect Telegram' }).click();
    await page.getByRole('heading', { name: 'Bakery news', exact: true }).waitFor();
    await screenshot(page, '90-networks-accounts');
  });

  it("composes with Telegram's preview, publishes now, and the message reaches the Bot API escaped", async () => {
    await navLink(page, 'Compose').click();
    await page.getByLabel('Post text').fill('Fresh <bread> & rolls');
    await page.getByRole('checkbox', { name: /Bakery news/ }).check();
    const preview = page.locator('article.post-preview[data-network="telegram"]');
    await preview.getByText('Fresh <bread> & rolls').waitFor();
    await page.getByRole('radio', { name: 'Publish now' }).check();
    await screenshot(page, '91-networks-telegram-preview');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);

    await expect.poll(() => telegram.sent.length, { timeout: 60_000, interval: 500 }).toBe(1);
    expect(telegram.sent[0]).toMatchObject({
      chat_id: String(CHANNEL.id),
      text: 'Fresh &lt;bread&gt; &amp; rolls',
      parse_mode: 'HTML',
    });
    // The post page reads the state when it opens: opened again until the publish is recorded.
    const state = async () => {
      await page.reload();
      return page.getByTestId('post-state').textContent();
    };
    await expect.poll(state, { timeout: 30_000, interval: 1_000 }).toBe('Published');
  });
});
