import { choicesOf, type OptionField, wordsOf } from '../option-fields';
import type { MediaFacts, PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';
import { YOUTUBE_SHORT_MAX_SECONDS } from './youtube.limits';

export const YOUTUBE_PRIVACY = ['public', 'unlisted', 'private'] as const;
export type YouTubePrivacy = (typeof YOUTUBE_PRIVACY)[number];

/** People & Blogs: YouTube's own default category for uploads. */
export const DEFAULT_CATEGORY_ID = '22';

/** YouTube's cap on a video's tags together. */
export const MAX_TAG_CHARACTERS = 500;

/** The YouTube options a variant carries (`options.*`). */
export interface YouTubeOptions {
  title: string;
  privacy: YouTubePrivacy;
  /** When a private video becomes public (status.publishAt). */
  publishAt: string | null;
  madeForKids: boolean;
  categoryId: string;
  tags: string[];
}

/**
 * How YouTube counts tags against 500: each tag's characters, a comma between tags, and two
 * quotes around a tag with a space in it.
 */
export function tagCharacters(tags: string[]): number {
  const each = tags.map((tag) => [...tag].length + (/\s/.test(tag) ? 2 : 0));
  return each.reduce((sum, n) => sum + n, 0) + Math.max(0, tags.length - 1);
}

/** The variant's options as YouTube takes them; call after `youtubeOptionViolations` found none. */
export function youtubeOptions(options: Record<string, unknown>): YouTubeOptions {
  const publishAt = typeof options.publishAt === 'string' ? new Date(options.publishAt).toISOString() : null;
  return {
    title: typeof options.title === 'string' ? options.title.trim() : '',
    // A scheduled video must be private until its time: YouTube makes it public then.
    privacy: publishAt ? 'private' : ((options.privacy as YouTubePrivacy | undefined) ?? 'public'),
    publishAt,
    madeForKids: options.madeForKids === true,
    categoryId: typeof options.categoryId === 'string' ? options.categoryId : DEFAULT_CATEGORY_ID,
    tags: Array.isArray(options.tags) ? (options.tags as string[]) : [],
  };
}

/** YouTube's own option rules and Shorts' shape, each naming the field. */
export function youtubeOptionViolations(
  postType: PostType,
  options: Record<string, unknown>,
  content: { text: string; media: MediaFacts[] },
): RuleViolation[] {
  return [
    ...privacyViolations(options),
    ...metadataViolations(options),
    ...tagViolations(options.tags),
    ...angleBracketViolations(content.text, options.title),
    ...(postType === 'short' ? shortViolations(content.media) : []),
  ];
}

function privacyViolations(options: Record<string, unknown>): RuleViolation[] {
  const { privacy, publishAt } = options;
  const violations: RuleViolation[] = [];
  if (privacy !== undefined && !YOUTUBE_PRIVACY.includes(privacy as YouTubePrivacy))
    violations.push({ field: 'options.privacy', message: `must be one of ${YOUTUBE_PRIVACY.join(', ')}` });
  if (publishAt !== undefined && publishAt !== null) {
    if (typeof publishAt !== 'string' || Number.isNaN(Date.parse(publishAt)))
      violations.push({ field: 'options.publishAt', message: 'must be a date and time (ISO 8601)' });
    else if (privacy !== undefined && privacy !== 'private')
      violations.push({
        field: 'options.publishAt',
        message: 'needs privacy "private": YouTube keeps a scheduled video private until that time',
      });
  }
  return violations;
}

function metadataViolations(options: Record<string, unknown>): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (options.madeForKids !== undefined && typeof options.madeForKids !== 'boolean')
    violations.push({ field: 'options.madeForKids', message: 'must be true or false' });
  if (options.categoryId !== undefined && !(typeof options.categoryId === 'string' && /^\d+$/.test(options.categoryId)))
    violations.push({ field: 'options.categoryId', message: 'must be a YouTube video category id such as "22"' });
  return violations;
}

function tagViolations(tags: unknown): RuleViolation[] {
  if (tags === undefined) return [];
  const field = 'options.tags';
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string' && tag.trim() !== ''))
    return [{ field, message: 'must be a list of non-empty texts' }];
  const length = tagCharacters(tags as string[]);
  if (length > MAX_TAG_CHARACTERS)
    return [
      {
        field,
        message: `take ${length} characters together; YouTube allows ${MAX_TAG_CHARACTERS}`,
        limit: MAX_TAG_CHARACTERS,
      },
    ];
  if ((tags as string[]).some((tag) => /[<>]/.test(tag))) return [{ field, message: 'cannot contain < or >' }];
  return [];
}

/** YouTube refuses titles and descriptions with angle brackets. */
function angleBracketViolations(text: string, title: unknown): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (/[<>]/.test(text)) violations.push({ field: 'text', message: 'cannot contain < or > on YouTube' });
  if (typeof title === 'string' && /[<>]/.test(title))
    violations.push({ field: 'options.title', message: 'cannot contain < or > on YouTube' });
  return violations;
}

/** YouTube makes a video a Short by its shape: vertical or square, at most 3 minutes. */
function shortViolations(media: MediaFacts[]): RuleViolation[] {
  const violations: RuleViolation[] = [];
  media.forEach((item, index) => {
    if (item.kind !== 'video') return;
    const field = `media[${index}]`;
    if (item.durationSeconds !== undefined && item.durationSeconds > YOUTUBE_SHORT_MAX_SECONDS)
      violations.push({
        field,
        message: `lasts ${item.durationSeconds} s; a YouTube Short is at most ${YOUTUBE_SHORT_MAX_SECONDS} s`,
        limit: YOUTUBE_SHORT_MAX_SECONDS,
      });
    if (item.width && item.height && item.width > item.height)
      violations.push({ field, message: 'is landscape; a YouTube Short is vertical or square' });
  });
  return violations;
}

export const YOUTUBE_OPTION_FIELDS: OptionField[] = [
  {
    name: 'privacy',
    label: 'Privacy',
    kind: 'select',
    required: false,
    help: 'Public unless chosen; a video with a publish time stays private until then',
    choices: choicesOf(YOUTUBE_PRIVACY, wordsOf),
  },
  {
    name: 'publishAt',
    label: 'Make public at',
    kind: 'datetime',
    required: false,
    help: 'YouTube keeps the video private until this time (privacy must be Private)',
    when: { option: 'privacy', values: ['private'] },
  },
  {
    name: 'madeForKids',
    label: 'Made for kids',
    kind: 'boolean',
    required: false,
    help: 'Required by law (COPPA) when the video is directed at children',
  },
  {
    name: 'categoryId',
    label: 'Category id',
    kind: 'text',
    required: false,
    help: `YouTube's video category number; ${DEFAULT_CATEGORY_ID} (People & Blogs) when empty`,
    maxLength: 4,
    placeholder: DEFAULT_CATEGORY_ID,
  },
  {
    name: 'tags',
    label: 'Tags',
    kind: 'list',
    required: false,
    help: `One per line; ${MAX_TAG_CHARACTERS} characters together`,
  },
];
