import { Api, InputFile } from 'grammy';
import type { PublishMedia } from '../connector';

/** Where the Bot API lives: api.telegram.org, or a local stand-in in tests (TELEGRAM_API_URL). */
export interface TelegramEndpoint {
  apiBaseUrl: string;
}

/** grammY's Bot API client for one bot; a call that hangs longer than this is given up. */
export function botApi(endpoint: TelegramEndpoint, token: string): Api {
  return new Api(token, { apiRoot: endpoint.apiBaseUrl.replace(/\/+$/, ''), timeoutSeconds: 60 });
}

/** The bot uploads the file itself (Telegram's URL fetches are capped at 5 MB for photos, 20 MB otherwise). */
export async function uploadOf(media: PublishMedia): Promise<InputFile> {
  const extension = media.mimeType.split('/')[1] ?? 'bin';
  return new InputFile(await media.read(), `${media.id}.${extension}`);
}
