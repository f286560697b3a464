import type { OptionField } from '../option-fields';
import { ConnectorFailure } from '../connector';
import { countGraphemes, type PostType } from '../network-limits';
import type { VariantContent } from '../variant-options';
import type { RuleViolation } from '../variant-validation';
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

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * `options.thread` (up to 25 replies of 300 graphemes) and `options.altTexts` (one per media item,
 * 2,000 characters each), checked in the composer and again before anything is sent.
 */
export function blueskyOptionViolations(
  _postType: PostType,
  options: Record<string, unknown>,
  content: VariantContent,
): RuleViolation[] {
  return [...threadViolations(options.thread), ...altTextViolations(options.altTexts, content.media.length)];
}

function threadViolations(thread: unknown): RuleViolation[] {
  const field = 'options.thread';
  if (thread === undefined) return [];
  if (!Array.isArray(thread) || !thread.every(isText)) return [{ field, message: 'must be a list of texts' }];
  if (thread.length > MAX_THREAD_PARTS)
    return [
      { field, message: `has ${thread.length} replies; a thread takes ${MAX_THREAD_PARTS}`, limit: MAX_THREAD_PARTS },
    ];
  const max = BLUESKY_LIMITS.maxTextLength;
  return thread.flatMap((part, i): RuleViolation[] => {
    if (!part.trim()) return [{ field: `${field}[${i}]`, message: `(reply ${i + 1}) is empty` }];
    const length = countGraphemes(part);
    return length > max
      ? [
          {
            field: `${field}[${i}]`,
            message: `(reply ${i + 1}) is ${length} characters; Bluesky allows ${max}`,
            limit: max,
          },
        ]
      : [];
  });
}

function altTextViolations(altTexts: unknown, mediaCount: number): RuleViolation[] {
  const field = 'options.altTexts';
  if (altTexts === undefined) return [];
  if (!Array.isArray(altTexts) || !altTexts.every(isText))
    return [{ field, message: 'must be a list of texts, one per media item' }];
  if (altTexts.length > mediaCount)
    return [{ field, message: `has ${altTexts.length} texts for ${mediaCount} media items` }];
  return altTexts.flatMap((alt, i): RuleViolation[] =>
    countGraphemes(alt) > MAX_ALT_TEXT
      ? [{ field: `${field}[${i}]`, message: `is longer than ${MAX_ALT_TEXT} characters`, limit: MAX_ALT_TEXT }]
      : [],
  );
}

/** The options for publishing; a variant that breaks a rule is the post's fault (bad request). */
export function blueskyOptions(
  options: Record<string, unknown>,
  postType: PostType,
  mediaCount: number,
): BlueskyOptions {
  const media = Array.from({ length: mediaCount }, () => ({ kind: 'image' as const, mimeType: '', bytes: 0 }));
  const [violation] = blueskyOptionViolations(postType, options, { text: '', media });
  if (violation)
    throw new ConnectorFailure({ kind: 'bad-request', reason: `Bluesky post ${violation.field} ${violation.message}` });
  const { thread = [], altTexts = [] } = options as Partial<BlueskyOptions>;
  return { thread, altTexts };
}

export const BLUESKY_OPTION_FIELDS: OptionField[] = [
  {
    name: 'altTexts',
    label: 'Alt texts',
    kind: 'list',
    required: false,
    help: 'One line per attached image or video, in order',
    maxLength: MAX_ALT_TEXT,
    postTypes: ['photo', 'gif', 'video'],
  },
];
