import { GrammyError } from 'grammy';
import type { ChatMember } from 'grammy/types';
import {
  CredentialsRejectedError,
  type CredentialField,
  type CredentialsProvider,
  type VerifiedAccount,
} from '../connector';
import { botApi, type TelegramEndpoint } from './telegram.bot';
import { callTelegram } from './telegram.errors';

const TOKEN_SHAPE = /^\d{3,20}:[A-Za-z0-9_-]{30,}$/;

/** "@name", "t.me/name", "https://t.me/name" or "name" → "@name"; numeric ids stay as they are. */
export function chatReference(input: string): string {
  const trimmed = input.trim();
  if (/^-?\d+$/.test(trimmed)) return trimmed;
  const name = trimmed.replace(/^(https?:\/\/)?(www\.)?t\.me\//i, '').replace(/^@/, '');
  return `@${name}`;
}

/** Channels need the "Post messages" right; in groups any administrator may post. */
function mayPost(member: ChatMember, chatType: string): boolean {
  if (member.status === 'creator') return true;
  if (member.status !== 'administrator') return false;
  return chatType !== 'channel' || member.can_post_messages === true;
}

/**
 * Connects a channel or group a bot administers: the person pastes the bot token from @BotFather
 * and names the chat. Checked with getMe, getChat and getChatMember before anything is saved.
 */
export class TelegramCredentialsProvider implements CredentialsProvider {
  readonly network = 'telegram' as const;
  readonly fields: CredentialField[] = [
    {
      name: 'botToken',
      label: 'Bot token',
      kind: 'secret',
      required: true,
      help: 'From @BotFather (/newbot or /token); the bot must be an administrator of the chat',
      placeholder: '123456789:AA…',
    },
    {
      name: 'chat',
      label: 'Channel or group',
      kind: 'text',
      required: true,
      help: 'The public @username, or the numeric id of a private chat (it starts with -100)',
      placeholder: '@mychannel',
    },
  ];

  constructor(private readonly endpoint: TelegramEndpoint) {}

  async verify(credentials: Record<string, string>): Promise<VerifiedAccount[]> {
    const token = (credentials.botToken ?? '').trim();
    const chatInput = (credentials.chat ?? '').trim();
    if (!TOKEN_SHAPE.test(token))
      throw new CredentialsRejectedError('botToken', 'does not look like a bot token (digits, a colon, then letters)');
    if (!chatInput) throw new CredentialsRejectedError('chat', 'is required: the @username or id of the chat');
    const api = botApi(this.endpoint, token);
    const me = await refused(() => api.getMe(), 'botToken', 'Telegram refused this bot token');
    const chat = await refused(
      () => api.getChat(chatReference(chatInput)),
      'chat',
      `Telegram has no chat ${chatInput} that @${me.username} can see; add the bot to it first`,
    );
    const member = await refused(() => api.getChatMember(chat.id, me.id), 'chat', 'the bot is not in this chat');
    if (!mayPost(member, chat.type))
      throw new CredentialsRejectedError(
        'chat',
        `@${me.username} is not an administrator of ${chatInput} allowed to post messages; make it one, then connect again`,
      );
    const username = 'username' in chat ? chat.username : undefined;
    const title = 'title' in chat && chat.title ? chat.title : `@${username ?? chat.id}`;
    return [
      {
        externalAccountId: String(chat.id),
        name: title,
        tokens: { accessToken: token, refreshToken: null, expiresAt: null, scopes: [] },
        settings: { chatType: chat.type, ...(username && { username }), bot: me.username },
      },
    ];
  }
}

/** A 4xx from Telegram is about the credential; anything else (unreachable, 5xx, 429) is a ConnectorFailure. */
function refused<T>(call: () => Promise<T>, field: string, message: string): Promise<T> {
  return callTelegram(async () => {
    try {
      return await call();
    } catch (error) {
      const code = error instanceof GrammyError ? error.error_code : 0;
      if (code >= 400 && code < 429)
        throw new CredentialsRejectedError(field, `${message} (${(error as GrammyError).description})`);
      throw error;
    }
  });
}
