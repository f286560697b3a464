import { ConnectorFailure } from '../connector';
import { countGraphemes } from '../network-limits';
import { BLUESKY_LIMITS } from './bluesky.limits';

/** Replies under the first post a thread may have (each its own record and reply chain link). */
export const MAX_THREAD_PARTS = 25;
/** Alt text Bluesky's app accepts per image or video. */
export const MAX_ALT_TEXT = 2000;

export interface BlueskyOptions {
  /** The parts after the first, each posted as a reply to the one before. */
  thread: string[];
  /** Alt text of each attached media item, in order. */
  altTexts: string[];
}

/** `options.thread` and `options.altTexts`, checked before anything is sent. */
export function blueskyOptions(options: Record<string, unknown>): BlueskyOptions {
  const { thread = [], altTexts = [] } = options;
  if (!Array.isArray(thread) || !thread.every((part) => typeof part === 'string' && part.trim() !== ''))
    throw badOption('thread must be a list of non-empty texts');
  if (thread.length > MAX_THREAD_PARTS) throw badOption(`a thread has at most ${MAX_THREAD_PARTS} replies`);
  thread.forEach((part: string, i) => {
    const length = countGraphemes(part);
    if (length > BLUESKY_LIMITS.maxTextLength)
      throw badOption(`thread part ${i + 1} is ${length} characters; Bluesky allows ${BLUESKY_LIMITS.maxTextLength}`);
  });
  if (!Array.isArray(altTexts) || !altTexts.every((alt) => typeof alt === 'string'))
    throw badOption('altTexts must be a list of texts, one per media item');
  altTexts.forEach((alt: string, i) => {
    if (countGraphemes(alt) > MAX_ALT_TEXT)
      throw badOption(`alt text ${i + 1} is longer than ${MAX_ALT_TEXT} characters`);
  });
  return { thread: thread as string[], altTexts: altTexts as string[] };
}

function badOption(reason: string): ConnectorFailure {
  return new ConnectorFailure({ kind: 'bad-request', reason: `Bluesky post options: ${reason}` });
}
