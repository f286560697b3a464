import { GrammyError, HttpError } from 'grammy';
import { ConnectorFailure } from '../connector';
import type { FailureClass } from '../failure-classification';

/** Refused connections never reached Telegram, so sending again cannot post twice. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Bot API refusals by `error_code` (https://core.telegram.org/api/errors): 401 the token was
 * revoked, 403 the bot was removed from the chat (or blocked), 429 flood wait with
 * `parameters.retry_after` seconds, 400 a refused request (a group migrated to a supergroup says
 * where it went), 5xx Telegram's own trouble.
 */
export function classifyTelegramError(error: GrammyError): FailureClass {
  const reason = `Telegram: ${error.description}`;
  const code = error.error_code;
  if (code === 401 || code === 404) return { kind: 'reauth', reason: `${reason} (the bot token no longer works)` };
  if (code === 403) return { kind: 'disconnect', reason: `${reason} (the bot is no longer in this chat)` };
  if (code === 429) {
    const seconds = error.parameters?.retry_after;
    return { kind: 'retry', afterMs: typeof seconds === 'number' ? seconds * 1000 : null, reason };
  }
  if (code >= 500) return { kind: 'retry', afterMs: null, reason };
  if (error.parameters?.migrate_to_chat_id)
    return { kind: 'disconnect', reason: `${reason}; connect the supergroup ${error.parameters.migrate_to_chat_id}` };
  if (/chat not found/i.test(error.description))
    return { kind: 'disconnect', reason: `${reason} (the chat is gone or the bot cannot see it)` };
  return { kind: 'bad-request', reason };
}

/**
 * A call that got no readable answer. Telegram offers bots no way to look a sent message up, so a
 * send that may have arrived (timeout, unreadable answer) is not retried: a person checks the chat.
 */
export function classifyUnanswered(error: HttpError, sending: boolean): FailureClass {
  const cause = error.error as { code?: string; message?: string } | undefined;
  const detail = cause?.message ?? error.message;
  if (!sending || (cause?.code && NEVER_SENT.has(cause.code)))
    return { kind: 'retry', afterMs: null, reason: `Telegram could not be reached: ${detail}` };
  return {
    kind: 'bad-request',
    reason: `Telegram gave no readable answer (${detail}); the message may have been sent, so check the chat before sending it again`,
  };
}

/** Runs one Bot API call; its refusals become the ConnectorFailure every connector throws. */
export async function callTelegram<T>(call: () => Promise<T>, sending = false): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GrammyError) throw new ConnectorFailure(classifyTelegramError(error));
    if (error instanceof HttpError) throw new ConnectorFailure(classifyUnanswered(error, sending));
    throw error;
  }
}
