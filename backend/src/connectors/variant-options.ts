import { blueskyOptionViolations } from './bluesky/bluesky.options';
import { googleBusinessOptionViolations } from './google-business/google-business.options';
import {
  type MediaFacts,
  type NetworkId,
  type NetworkLimits,
  type PostType,
  type PostTypeRule,
  rangeText,
} from './network-limits';
import { mastodonOptionViolations } from './mastodon/mastodon.options';
import { pinterestOptionViolations } from './pinterest/pinterest.options';
import { wordpressOptionViolations } from './wordpress/wordpress.options';
import { telegramOptionViolations } from './telegram/telegram.options';
import { threadsOptionViolations } from './threads/threads.options';
import { tiktokOptionViolations } from './tiktok/tiktok.options';
import type { RuleViolation } from './variant-validation';
import { youtubeOptionViolations } from './youtube/youtube.options';

/** The rest of the variant, for rules that weigh options against it (a YouTube Short's shape). */
export interface VariantContent {
  text: string;
  media: MediaFacts[];
}

/** Rules for options only one network has (Pinterest's board, Business Profile's event …), each in that network's folder. */
const NETWORK_OPTION_RULES: Partial<
  Record<NetworkId, (postType: PostType, options: Record<string, unknown>) => RuleViolation[]>
> = {
  pinterest: pinterestOptionViolations,
  'google-business': googleBusinessOptionViolations,
  wordpress: wordpressOptionViolations,
  tiktok: tiktokOptionViolations,
  telegram: telegramOptionViolations,
  threads: threadsOptionViolations,
};

/** Rules that weigh a network's options against the variant's text and media (a YouTube Short's shape). */
const NETWORK_CONTENT_RULES: Partial<
  Record<NetworkId, (postType: PostType, options: Record<string, unknown>, content: VariantContent) => RuleViolation[]>
> = {
  youtube: youtubeOptionViolations,
  bluesky: blueskyOptionViolations,
  mastodon: mastodonOptionViolations,
};

/**
 * The options the composer sets on a variant, by key. Connectors read other keys of their own
 * (X's `thread`); these are the ones every network's rules describe.
 */
export interface KnownOptions {
  /** A poll's choices, in order. */
  pollOptions?: string[];
  /** How long a poll stays open. */
  pollDurationMinutes?: number;
  /** A video's, document's or article's title (`PostTypeRule.title`). */
  title?: string;
  /** A comment the account adds under its own post right after publishing it. */
  firstComment?: string;
}

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * Options whose value has the wrong shape: refused whatever the post's state (a draft may break a
 * network's rules, not the API's types). Fields are named as the request names them.
 */
export function optionShapeErrors(options: Record<string, unknown> | undefined): RuleViolation[] {
  if (!options) return [];
  const errors: RuleViolation[] = [];
  const { pollOptions, pollDurationMinutes, title, firstComment } = options;
  if (pollOptions !== undefined && !(Array.isArray(pollOptions) && pollOptions.every(isText)))
    errors.push({ field: 'options.pollOptions', message: 'must be a list of texts' });
  if (pollDurationMinutes !== undefined && !Number.isInteger(pollDurationMinutes))
    errors.push({ field: 'options.pollDurationMinutes', message: 'must be a whole number of minutes' });
  for (const [key, value] of Object.entries({ title, firstComment }))
    if (value !== undefined && !isText(value)) errors.push({ field: `options.${key}`, message: 'must be a text' });
  return errors;
}

/** The network's rules for a variant's options (their shapes already checked). */
export function optionViolations(
  limits: NetworkLimits,
  postType: PostType,
  rule: PostTypeRule,
  options: KnownOptions,
  content: VariantContent = { text: '', media: [] },
): RuleViolation[] {
  return [
    ...pollViolations(postType, rule, options),
    ...titleViolations(limits, postType, rule, options.title),
    ...firstCommentViolations(limits, options.firstComment),
    ...(NETWORK_OPTION_RULES[limits.network]?.(postType, options as Record<string, unknown>) ?? []),
    ...(NETWORK_CONTENT_RULES[limits.network]?.(postType, options as Record<string, unknown>, content) ?? []),
  ];
}

function pollViolations(postType: PostType, rule: PostTypeRule, options: KnownOptions): RuleViolation[] {
  const poll = rule.poll;
  const choices = options.pollOptions ?? [];
  if (!poll) {
    return choices.length || options.pollDurationMinutes !== undefined
      ? [{ field: 'options.pollOptions', message: `are only for poll posts, not ${postType} posts` }]
      : [];
  }
  const violations: RuleViolation[] = [];
  const { min, max } = poll.options;
  if (choices.length < min || choices.length > max)
    violations.push({
      field: 'options.pollOptions',
      message: `need ${rangeText(poll.options)} choices; this poll has ${choices.length}`,
      limit: rangeText(poll.options),
    });
  choices.forEach((choice, i) => {
    if (!choice.trim()) violations.push({ field: `options.pollOptions[${i}]`, message: `(choice ${i + 1}) is empty` });
    else if ([...choice].length > poll.maxOptionLength)
      violations.push({
        field: `options.pollOptions[${i}]`,
        message: `(choice ${i + 1}) is ${[...choice].length} characters; the limit is ${poll.maxOptionLength}`,
        limit: poll.maxOptionLength,
      });
  });
  violations.push(...durationViolations(poll, options.pollDurationMinutes));
  return violations;
}

function durationViolations(poll: NonNullable<PostTypeRule['poll']>, minutes: number | undefined): RuleViolation[] {
  const field = 'options.pollDurationMinutes';
  if (minutes === undefined)
    return poll.durationOptional ? [] : [{ field, message: 'is required: choose how long the poll stays open' }];
  if (poll.onlyChoices && !poll.durationChoices.includes(minutes)) {
    const allowed = poll.durationChoices.map(durationText).join(', ');
    return [{ field, message: `must be one of ${allowed}`, limit: poll.durationChoices.join(', ') }];
  }
  const { min, max } = poll.durationMinutes;
  if (minutes < min || minutes > max)
    return [
      {
        field,
        message: `must be between ${durationText(min)} and ${durationText(max)}`,
        limit: rangeText(poll.durationMinutes),
      },
    ];
  return [];
}

/** 90 → "90 minutes", 1440 → "1 day", 4320 → "3 days". */
export function durationText(minutes: number): string {
  const [amount, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

function titleViolations(
  limits: NetworkLimits,
  postType: PostType,
  rule: PostTypeRule,
  title: string | undefined,
): RuleViolation[] {
  const field = 'options.title';
  if (!rule.title)
    return title?.trim() ? [{ field, message: `is not shown on ${limits.label} ${postType} posts` }] : [];
  if (rule.title.required && !title?.trim()) return [{ field, message: `(${rule.title.label}) is required` }];
  const length = title ? [...title].length : 0;
  return length > rule.title.maxLength
    ? [
        {
          field,
          message: `(${rule.title.label}) is ${length} characters; the limit is ${rule.title.maxLength}`,
          limit: rule.title.maxLength,
        },
      ]
    : [];
}

function firstCommentViolations(limits: NetworkLimits, comment: string | undefined): RuleViolation[] {
  const field = 'options.firstComment';
  if (!comment?.trim()) return [];
  if (!limits.firstComment) return [{ field, message: `cannot be added on ${limits.label} yet` }];
  const length = limits.countText(comment);
  return length > limits.firstComment.maxLength
    ? [
        {
          field,
          message: `is ${length} characters; ${limits.label} allows ${limits.firstComment.maxLength}`,
          limit: limits.firstComment.maxLength,
        },
      ]
    : [];
}
