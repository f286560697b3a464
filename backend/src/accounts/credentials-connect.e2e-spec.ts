import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeNetwork, readJson, type FakeReply } from '../testing/fake-network';
import { as, newUser, newWorkspace, TestUser } from '../testing/factories';
import { startTestApp, TestApp } from '../testing/test-app';
import { SocialAccount } from './social-account.entity';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const NEW_TOKEN = '123456789:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const ok = (result: unknown): FakeReply => ({ json: { ok: true, result } });
const me = { id: 999, is_bot: true, first_name: 'Poster', username: 'poster_bot' };
const channel = { id: -1001234567890, type: 'channel', title: 'Bakery news', username: 'bakerynews' };
const admin = { status: 'administrator', user: me, can_post_messages: true };

/** Connecting a credentials network over HTTP, with Telegram's Bot API answered by a local fake. */
describe('connecting a network with credentials (Telegram)', () => {
  let t: TestApp;
  let telegram: FakeNetwork;
  let owner: TestUser;
  let workspaceId: string;

  const connect = (body: object) => t.http.post('/api/v1/accounts').set(as(owner, workspaceId)).send(body);
  const answerAs = (token: string) =>
    telegram
      .on('POST', `/bot${token}/getMe`, ok(me))
      .on('POST', `/bot${token}/getChat`, ok(channel))
      .on('POST', `/bot${token}/getChatMember`, ok(admin));

  beforeAll(async () => {
    telegram = await FakeNetwork.start();
    t = await startTestApp('sqlite', { TELEGRAM_API_URL: telegram.url });
    owner = await newUser(t, 'owner');
    workspaceId = await newWorkspace(t, owner, 'Bakery');
  });
  beforeEach(() => telegram.reset());
  afterAll(async () => {
    await t?.close();
    await telegram?.close();
  });

  it('lists every network with how it connects, and the fields Telegram asks for', async () => {
    const { body } = await t.http.get('/api/v1/networks').set(as(owner, workspaceId)).expect(200);
    const items = body.items as Array<Record<string, unknown>>;
    expect(items.map((n) => n.network)).toHaveLength(14);
    const byId = Object.fromEntries(items.map((n) => [n.network, n]));
    expect(byId.telegram).toMatchObject({ connect: 'credentials', configured: true, settings: [], colour: '#26a5e4' });
    expect(
      (byId.telegram.credentialFields as Array<{ name: string; kind: string }>).map((f) => [f.name, f.kind]),
    ).toEqual([
      ['botToken', 'secret'],
      ['chat', 'text'],
    ]);
    expect(byId.x).toMatchObject({ connect: 'oauth', configured: false, settings: ['X_CLIENT_ID', 'X_CLIENT_SECRET'] });
    expect(byId.mastodon).toMatchObject({ connect: 'oauth', instanceUrl: true });
    expect(byId.sandbox).toMatchObject({ connect: 'demo', configured: true });
  });

  it('verifies the bot and chat with Telegram, stores the account, and a second connect replaces the token', async () => {
    answerAs(TOKEN);
    const first = await connect({ network: 'telegram', credentials: { botToken: TOKEN, chat: '@bakerynews' } }).expect(
      201,
    );
    expect(first.body).toMatchObject({ network: 'telegram', name: 'Bakery news', externalAccountId: '-1001234567890' });
    expect(readJson(telegram.to('POST', `/bot${TOKEN}/getChat`)[0])).toEqual({ chat_id: '@bakerynews' });

    const sealedBefore = (await t.db.getRepository(SocialAccount).findOneByOrFail({ id: first.body.id }))
      .accessTokenSealed;
    answerAs(NEW_TOKEN);
    const again = await connect({
      network: 'telegram',
      credentials: { botToken: NEW_TOKEN, chat: '-1001234567890' },
    }).expect(201);
    expect(again.body.id).toBe(first.body.id);

    const list = await t.http.get('/api/v1/accounts').set(as(owner, workspaceId)).expect(200);
    expect(list.body.items.filter((a: { network: string }) => a.network === 'telegram')).toHaveLength(1);
    const sealed = await t.db.getRepository(SocialAccount).findOneByOrFail({ id: first.body.id });
    expect(sealed.accessTokenSealed).not.toContain(NEW_TOKEN);
    expect(sealed.accessTokenSealed).not.toBe(sealedBefore);
  });

  it('names the refused field: a token Telegram refuses, a missing chat', async () => {
    telegram.on('POST', `/bot${TOKEN}/getMe`, {
      status: 401,
      json: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    const refused = await connect({ network: 'telegram', credentials: { botToken: TOKEN, chat: '@x' } }).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'credentials.botToken', message: expect.stringContaining('Telegram refused this bot token') as unknown },
    ]);

    const missing = await connect({ network: 'telegram', credentials: { botToken: TOKEN } }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'credentials.chat', message: '(Channel or group) is required' }]);
    const none = await connect({ network: 'telegram' }).expect(400);
    expect(none.body.errors[0].field).toBe('credentials');
  });

  it('answers 502 when Telegram cannot be reached, and refuses OAuth networks here', async () => {
    telegram.on('POST', `/bot${TOKEN}/getMe`, {
      status: 502,
      json: { ok: false, error_code: 502, description: 'Bad Gateway' },
    });
    const down = await connect({ network: 'telegram', credentials: { botToken: TOKEN, chat: '@x' } }).expect(502);
    expect(down.body.detail).toMatch(/Telegram could not check the credentials/);

    const oauth = await connect({ network: 'x', credentials: {} }).expect(400);
    expect(oauth.body.detail).toMatch(/oauth\/x\/start/);
  });
});
