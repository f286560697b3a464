import { ConnectorFailure } from '../connector';

/** A poll as X's POST /2/tweets takes it. */
export interface XPoll {
  options: string[];
  duration_minutes: number;
}

/** `options.thread`: the parts after the first, each posted as a reply to the one before. */
export function threadParts(options: Record<string, unknown>): string[] {
  const thread = options.thread;
  if (thread === undefined) return [];
  if (!Array.isArray(thread) || !thread.every((part) => typeof part === 'string' && part.trim() !== '')) {
    throw badOption('thread must be a list of non-empty texts');
  }
  return thread as string[];
}

/** `options.pollOptions` and `options.pollDurationMinutes`; X allows 2–4 choices open 5 minutes to 7 days. */
export function pollOption(options: Record<string, unknown>): XPoll | undefined {
  const choices = options.pollOptions;
  const minutes = options.pollDurationMinutes;
  if (choices === undefined) return undefined;
  if (
    !Array.isArray(choices) ||
    choices.length < 2 ||
    choices.length > 4 ||
    !choices.every((c) => typeof c === 'string')
  ) {
    throw badOption('a poll needs 2 to 4 text choices');
  }
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 5 || minutes > 10080) {
    throw badOption('a poll runs for 5 to 10080 whole minutes');
  }
  return { options: choices as string[], duration_minutes: minutes };
}

/** X shows links as part of the text, so a post's link goes at its end unless the text has it. */
export function tweetText(text: string, link: string | null): string {
  if (!link || text.includes(link)) return text;
  return text ? `${text}\n\n${link}` : link;
}

/**
 * How X gives text back: links rewritten to t.co (plus one per attached media) and &, <, >
 * HTML-escaped. Matching drops links and normalises spacing on both sides.
 */
export function comparableText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function badOption(reason: string): ConnectorFailure {
  return new ConnectorFailure({ kind: 'bad-request', reason: `X post options: ${reason}` });
}
