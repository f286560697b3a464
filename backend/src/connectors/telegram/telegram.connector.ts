import { GrammyError, type Api } from 'grammy';
import type { Message } from 'grammy/types';
import {
  NO_METRICS,
  type AccountCredentials,
  type AccountStats,
  type Connector,
  type PostMetrics,
  type PublishedPost,
  type PublishRequest,
} from '../connector';
import { botApi, uploadOf, type TelegramEndpoint } from './telegram.bot';
import { callTelegram } from './telegram.errors';
import { joinMessageIds, messageHtml, messageUrl, splitMessageIds } from './telegram.format';
import { TELEGRAM_LIMITS } from './telegram.limits';

type Sent = Message | Message[];

/**
 * Telegram channels and groups through the Bot API (grammY's client), as the bot the person
 * connected; the account's external id is the chat id.
 *
 * No `findPublished`: the Bot API has no idempotency key and gives bots no way to read a chat's
 * history, so a send interrupted by a crash cannot be looked up and a person decides (the
 * reconciler's "needs review"). For the same reason an unreadable answer to a send is not retried.
 */
export class TelegramConnector implements Connector {
  readonly network = 'telegram' as const;
  readonly limits = TELEGRAM_LIMITS;
  readonly metricsBatchSize = 100;

  constructor(private readonly endpoint: TelegramEndpoint) {}

  async publish(account: AccountCredentials, request: PublishRequest): Promise<PublishedPost> {
    const api = botApi(this.endpoint, account.accessToken);
    const sent = await callTelegram(() => this.send(api, account.externalAccountId, request), true);
    const ids = (Array.isArray(sent) ? sent : [sent]).map((message) => message.message_id);
    const username = typeof account.settings?.username === 'string' ? account.settings.username : undefined;
    return { externalId: joinMessageIds(ids), url: messageUrl(account.externalAccountId, username, ids[0]) };
  }

  private async send(api: Api, chat: string, request: PublishRequest): Promise<Sent> {
    const html = messageHtml(request.text, request.link);
    const common = { disable_notification: request.options.silent === true };
    const caption = { ...common, ...(html && { caption: html, parse_mode: 'HTML' as const }) };
    const [first] = request.media;
    switch (request.postType) {
      case 'photo':
        return api.sendPhoto(chat, await uploadOf(first), caption);
      case 'gif':
        return api.sendAnimation(chat, await uploadOf(first), caption);
      case 'video':
        return api.sendVideo(chat, await uploadOf(first), { ...caption, supports_streaming: true });
      case 'document':
        return api.sendDocument(chat, await uploadOf(first), caption);
      case 'carousel':
        return this.sendAlbum(api, chat, request, caption);
      case 'poll':
        return this.sendPoll(api, chat, request, common);
      default:
        return api.sendMessage(chat, html, {
          ...common,
          parse_mode: 'HTML',
          ...(request.link && { link_preview_options: { url: request.link } }),
        });
    }
  }

  /** An album's caption is the first item's; Telegram shows it under the whole album. */
  private async sendAlbum(api: Api, chat: string, request: PublishRequest, caption: object): Promise<Message[]> {
    const { disable_notification, ...firstCaption } = caption as { disable_notification: boolean };
    const items = await Promise.all(
      request.media.map(async (item, index) => ({
        type: item.kind === 'video' ? ('video' as const) : ('photo' as const),
        media: await uploadOf(item),
        ...(index === 0 && firstCaption),
      })),
    );
    return api.sendMediaGroup(chat, items, { disable_notification });
  }

  private sendPoll(api: Api, chat: string, request: PublishRequest, common: object): Promise<Message> {
    const choices = (request.options.pollOptions as string[] | undefined) ?? [];
    const minutes = request.options.pollDurationMinutes as number | undefined;
    return api.sendPoll(
      chat,
      request.text.trim(),
      choices.map((text) => ({ text })),
      { ...common, ...(minutes && { open_period: minutes * 60 }) },
    );
  }

  /** Every message of the post; one Telegram already lost counts as deleted. */
  async delete(account: AccountCredentials, externalId: string): Promise<void> {
    const api = botApi(this.endpoint, account.accessToken);
    const ids = splitMessageIds(externalId);
    const chat = account.externalAccountId;
    await callTelegram(async () => {
      try {
        await (ids.length === 1 ? api.deleteMessage(chat, ids[0]) : api.deleteMessages(chat, ids));
      } catch (error) {
        if (error instanceof GrammyError && /message to delete not found/i.test(error.description)) return;
        throw error;
      }
    });
  }

  /**
   * The Bot API gives bots no view, reaction or forward counts of messages (views are visible only
   * on copies forwarded back to the bot), so every figure is null — not provided, never 0.
   */
  fetchMetrics(_account: AccountCredentials, externalIds: string[]): Promise<Map<string, PostMetrics>> {
    return Promise.resolve(new Map(externalIds.map((id) => [id, { ...NO_METRICS }])));
  }

  /** Members (subscribers of a channel) are the only account figure the Bot API gives. */
  async fetchAccountStats(account: AccountCredentials): Promise<AccountStats> {
    const api = botApi(this.endpoint, account.accessToken);
    const members = await callTelegram(() => api.getChatMemberCount(account.externalAccountId));
    return { followers: members, following: null, posts: null, profileViews: null };
  }
}
