import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsRejectedError, type Connector, type PublishRequest } from '../connector';
import { failureOf, publishRequest, uploadMedia } from '../../testing/connector-fixtures';
import { FakeNetwork, readJson, type FakeReply, type ReceivedRequest } from '../../testing/fake-network';
import { TelegramConnector } from './telegram.connector';
import { TelegramCredentialsProvider } from './telegram.credentials';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const bot = (method: string) => `/bot${TOKEN}/${method}`;
const ok = (result: unknown): FakeReply => ({ json: { ok: true, result } });
const refused = (code: number, description: string, parameters?: object): FakeReply => ({
  status: code,
  json: { ok: false, error_code: code, description, ...(parameters && { parameters }) },
});
const message = (id: number) => ({ message_id: id, date: 1, chat: { id: -1001234567890, type: 'channel' } });

/** One part of an upload: its text, and its file name when it is a file. */
interface Part {
  text: string;
  filename?: string;
}

/**
 * grammY writes `filename=name` unquoted, which Telegram takes but undici's FormData parser
 * refuses, so uploads are read here part by part.
 */
function readParts(request: ReceivedRequest): Map<string, Part> {
  const boundary = /boundary=(\S+)/.exec(request.headers['content-type'] ?? '')![1];
  const parts = new Map<string, Part>();
  for (const chunk of request.body.toString('latin1').split(`--${boundary}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = chunk.slice(0, split);
    const name = /name="([^"]+)"/.exec(head)![1];
    const filename = /filename=([^\r;]+)/.exec(head)?.[1];
    parts.set(name, { text: chunk.slice(split + 4).replace(/\r\n$/, ''), ...(filename && { filename }) });
  }
  return parts;
}

const account = { externalAccountId: '-1001234567890', accessToken: TOKEN, settings: { username: 'ourchannel' } };
const post = (overrides: Partial<PublishRequest> = {}) =>
  publishRequest({ text: 'Hello <b>fans</b> & friends' }, overrides);

describe('TelegramConnector', () => {
  let fake: FakeNetwork;
  let connector: TelegramConnector;

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    connector = new TelegramConnector({ apiBaseUrl: fake.url });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('publish', () => {
    it('sends the text escaped in HTML parse mode and links to the message', async () => {
      fake.on('POST', bot('sendMessage'), ok(message(42)));

      const published = await connector.publish(account, post({ options: { silent: true } }));

      expect(published).toEqual({ externalId: '42', url: 'https://t.me/ourchannel/42' });
      expect(readJson(fake.received[0])).toEqual({
        chat_id: '-1001234567890',
        text: 'Hello &lt;b&gt;fans&lt;/b&gt; &amp; friends',
        parse_mode: 'HTML',
        disable_notification: true,
      });
    });

    it('links a private channel as t.me/c and previews a link post', async () => {
      fake.on('POST', bot('sendMessage'), ok(message(7)));

      const published = await connector.publish(
        { ...account, settings: {} },
        post({ postType: 'link', text: 'Read', link: 'https://example.com/a?b=1&c=2' }),
      );

      expect(published.url).toBe('https://t.me/c/1234567890/7');
      expect(readJson(fake.received[0])).toMatchObject({
        text: 'Read\n\nhttps://example.com/a?b=1&amp;c=2',
        link_preview_options: { url: 'https://example.com/a?b=1&c=2' },
        disable_notification: false,
      });
    });

    it('uploads a photo with its caption', async () => {
      fake.on('POST', bot('sendPhoto'), ok(message(8)));
      const image = Buffer.from('png-bytes');

      await connector.publish(account, post({ postType: 'photo', media: [uploadMedia('image', 'image/png', image)] }));

      const form = readParts(fake.received[0]);
      expect(form.get('caption')?.text).toBe('Hello &lt;b&gt;fans&lt;/b&gt; &amp; friends');
      expect(form.get('parse_mode')?.text).toBe('HTML');
      const photo = form.get(form.get('photo')!.text.replace('attach://', ''));
      expect(photo).toEqual({ text: 'png-bytes', filename: 'm-image.png' });
    });

    it('sends a video and a document by their own methods', async () => {
      fake.on('POST', bot('sendVideo'), ok(message(9))).on('POST', bot('sendDocument'), ok(message(10)));

      await connector.publish(
        account,
        post({ postType: 'video', media: [uploadMedia('video', 'video/mp4', Buffer.from('v'))] }),
      );
      await connector.publish(
        account,
        post({ postType: 'document', media: [uploadMedia('document', 'application/pdf', Buffer.from('%PDF'))] }),
      );

      expect(readParts(fake.to('POST', bot('sendVideo'))[0]).get('supports_streaming')?.text).toBe('true');
      const form = readParts(fake.to('POST', bot('sendDocument'))[0]);
      expect(form.get(form.get('document')!.text.replace('attach://', ''))?.filename).toBe('m-document.pdf');
    });

    it('sends an album as one media group with the caption on its first item, all ids kept', async () => {
      fake.on('POST', bot('sendMediaGroup'), ok([message(11), message(12)]));
      const media = [
        uploadMedia('image', 'image/jpeg', Buffer.from('one')),
        { ...uploadMedia('video', 'video/mp4', Buffer.from('two')), id: 'm-video' },
      ];

      const published = await connector.publish(account, post({ postType: 'carousel', media }));

      expect(published).toEqual({ externalId: '11,12', url: 'https://t.me/ourchannel/11' });
      const form = readParts(fake.received[0]);
      const items = JSON.parse(form.get('media')!.text) as Array<Record<string, string>>;
      expect(items.map((item) => item.type)).toEqual(['photo', 'video']);
      expect(items[0].caption).toBe('Hello &lt;b&gt;fans&lt;/b&gt; &amp; friends');
      expect(items[1].caption).toBeUndefined();
      expect(items.map((item) => form.get(item.media.replace('attach://', ''))?.text)).toEqual(['one', 'two']);
    });

    it('sends a poll with its choices and how long it stays open', async () => {
      fake.on('POST', bot('sendPoll'), ok(message(13)));

      await connector.publish(
        account,
        post({
          postType: 'poll',
          text: 'Tea or coffee?',
          options: { pollOptions: ['Tea', 'Coffee'], pollDurationMinutes: 5 },
        }),
      );

      expect(readJson(fake.received[0])).toEqual({
        chat_id: '-1001234567890',
        question: 'Tea or coffee?',
        options: [{ text: 'Tea' }, { text: 'Coffee' }],
        disable_notification: false,
        open_period: 300,
      });
    });
  });

  describe('failures', () => {
    it('401: the bot token must be replaced', async () => {
      fake.on('POST', bot('sendMessage'), refused(401, 'Unauthorized'));
      expect(await failureOf(connector.publish(account, post()))).toMatchObject({ kind: 'reauth' });
    });

    it('403: the bot was removed from the chat, so the account stops', async () => {
      fake.on('POST', bot('sendMessage'), refused(403, 'Forbidden: bot was kicked from the channel chat'));
      expect(await failureOf(connector.publish(account, post()))).toMatchObject({
        kind: 'disconnect',
        reason: expect.stringContaining('bot was kicked') as unknown,
      });
    });

    it('429: waits as long as retry_after says', async () => {
      fake.on('POST', bot('sendMessage'), refused(429, 'Too Many Requests: retry after 17', { retry_after: 17 }));
      expect(await failureOf(connector.publish(account, post()))).toEqual({
        kind: 'retry',
        afterMs: 17_000,
        reason: 'Telegram: Too Many Requests: retry after 17',
      });
    });

    it('400: the post is refused as it is', async () => {
      fake.on('POST', bot('sendMessage'), refused(400, 'Bad Request: message is too long'));
      expect(await failureOf(connector.publish(account, post()))).toMatchObject({ kind: 'bad-request' });
    });

    it('5xx: tried again later', async () => {
      fake.on('POST', bot('sendMessage'), refused(502, 'Bad Gateway'));
      expect(await failureOf(connector.publish(account, post()))).toMatchObject({ kind: 'retry', afterMs: null });
    });

    it('an unreadable answer to a send is not retried blindly: the message may be out', async () => {
      fake.on('POST', bot('sendMessage'), { text: '<html>proxy error</html>' });
      const failure = await failureOf(connector.publish(account, post()));
      expect(failure.kind).toBe('bad-request');
      expect(failure.reason).toMatch(/may have been sent/);
    });

    it('an unreachable Bot API is retried (nothing was sent)', async () => {
      const offline = new TelegramConnector({ apiBaseUrl: 'http://127.0.0.1:1' });
      expect(await failureOf(offline.publish(account, post()))).toMatchObject({ kind: 'retry' });
    });
  });

  it('offers no crash lookup: the Bot API cannot read a chat back', () => {
    expect((connector as Connector).findPublished).toBeUndefined();
  });

  describe('delete', () => {
    it('deletes every message of an album, and treats one already gone as deleted', async () => {
      fake
        .on('POST', bot('deleteMessages'), ok(true))
        .on('POST', bot('deleteMessage'), refused(400, 'Bad Request: message to delete not found'));

      await connector.delete(account, '11,12');
      await connector.delete(account, '42');

      expect(readJson(fake.to('POST', bot('deleteMessages'))[0])).toEqual({
        chat_id: '-1001234567890',
        message_ids: [11, 12],
      });
      expect(readJson(fake.to('POST', bot('deleteMessage'))[0])).toEqual({ chat_id: '-1001234567890', message_id: 42 });
    });

    it('a message too old to delete is reported', async () => {
      fake.on('POST', bot('deleteMessage'), refused(400, "Bad Request: message can't be deleted"));
      expect(await failureOf(connector.delete(account, '5'))).toMatchObject({ kind: 'bad-request' });
    });
  });

  describe('metrics', () => {
    it('has no message figures for bots: every one is null, not 0', async () => {
      const metrics = await connector.fetchMetrics(account, ['42', '11,12']);
      expect([...metrics.keys()]).toEqual(['42', '11,12']);
      expect(Object.values(metrics.get('42')!).every((value) => value === null)).toBe(true);
      expect(fake.received).toHaveLength(0);
    });

    it('counts the chat members as followers', async () => {
      fake.on('POST', bot('getChatMemberCount'), ok(1234));
      expect(await connector.fetchAccountStats(account)).toEqual({
        followers: 1234,
        following: null,
        posts: null,
        profileViews: null,
      });
    });
  });
});

describe('TelegramCredentialsProvider', () => {
  let fake: FakeNetwork;
  let provider: TelegramCredentialsProvider;
  const me = { id: 999, is_bot: true, first_name: 'Poster', username: 'poster_bot' };
  const channel = { id: -1001234567890, type: 'channel', title: 'Our channel', username: 'ourchannel' };
  const admin = { status: 'administrator', user: me, can_post_messages: true };

  beforeAll(async () => {
    fake = await FakeNetwork.start();
    provider = new TelegramCredentialsProvider({ apiBaseUrl: fake.url });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const rejection = async (credentials: Record<string, string>) => {
    const error: unknown = await provider.verify(credentials).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialsRejectedError);
    return error as CredentialsRejectedError;
  };

  it('confirms a channel the bot may post to, keeping its username for message links', async () => {
    fake
      .on('POST', bot('getMe'), ok(me))
      .on('POST', bot('getChat'), ok(channel))
      .on('POST', bot('getChatMember'), ok(admin));

    const [found] = await provider.verify({ botToken: TOKEN, chat: 'https://t.me/ourchannel' });

    expect(found).toEqual({
      externalAccountId: '-1001234567890',
      name: 'Our channel',
      tokens: { accessToken: TOKEN, refreshToken: null, expiresAt: null, scopes: [] },
      settings: { chatType: 'channel', username: 'ourchannel', bot: 'poster_bot' },
    });
    expect(readJson(fake.to('POST', bot('getChat'))[0])).toEqual({ chat_id: '@ourchannel' });
    expect(readJson(fake.to('POST', bot('getChatMember'))[0])).toEqual({ chat_id: -1001234567890, user_id: 999 });
  });

  it('names the token when Telegram refuses it, and when it is not shaped like one', async () => {
    fake.on('POST', bot('getMe'), refused(401, 'Unauthorized'));
    expect((await rejection({ botToken: TOKEN, chat: '@ourchannel' })).field).toBe('botToken');
    expect((await rejection({ botToken: 'nope', chat: '@ourchannel' })).field).toBe('botToken');
  });

  it('names the chat when the bot cannot see it or may not post there', async () => {
    fake.on('POST', bot('getMe'), ok(me)).on('POST', bot('getChat'), refused(400, 'Bad Request: chat not found'));
    expect((await rejection({ botToken: TOKEN, chat: '@missing' })).field).toBe('chat');

    fake
      .on('POST', bot('getChat'), ok(channel))
      .on('POST', bot('getChatMember'), ok({ ...admin, can_post_messages: false }));
    const notAllowed = await rejection({ botToken: TOKEN, chat: '@ourchannel' });
    expect(notAllowed.field).toBe('chat');
    expect(notAllowed.message).toMatch(/not an administrator of @ourchannel allowed to post/);
  });

  it('a Bot API outage is a failure of the network, not of the credentials', async () => {
    fake.on('POST', bot('getMe'), refused(500, 'Internal Server Error'));
    expect(await failureOf(provider.verify({ botToken: TOKEN, chat: '@ourchannel' }))).toMatchObject({ kind: 'retry' });
  });
});
