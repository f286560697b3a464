import { choicesOf, type OptionField, wordsOf } from '../option-fields';
import { ConnectorFailure } from '../connector';
import type { PostType } from '../network-limits';
import type { VariantContent } from '../variant-options';
import type { RuleViolation } from '../variant-validation';

export const MASTODON_VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type MastodonVisibility = (typeof MASTODON_VISIBILITIES)[number];

/** The Mastodon options a variant may carry, beside the shared poll options. */
export interface MastodonOptions {
  visibility?: MastodonVisibility;
  /** The content warning shown in place of the text until opened. */
  spoilerText?: string;
  /** ISO 639 code of the text's language. */
  language?: string;
  /** Whether a poll takes several choices. */
  pollMultiple?: boolean;
  /** Alt text of each attached media item, in order. */
  altTexts?: string[];
  /** The statuses after the first, each a reply to the one before. */
  thread?: string[];
}

const LANGUAGE = /^[a-z]{2,3}$/;
const isText = (value: unknown): value is string => typeof value === 'string';

/** Options of the wrong shape, named as the request names them (refused even on drafts). */
export function mastodonOptionErrors(options: Record<string, unknown>): RuleViolation[] {
  const errors: RuleViolation[] = [];
  const { visibility, spoilerText, language, pollMultiple, altTexts, thread } = options;
  if (visibility !== undefined && !MASTODON_VISIBILITIES.includes(visibility as MastodonVisibility))
    errors.push({ field: 'options.visibility', message: `must be one of ${MASTODON_VISIBILITIES.join(', ')}` });
  if (spoilerText !== undefined && !isText(spoilerText))
    errors.push({ field: 'options.spoilerText', message: 'must be a text' });
  if (language !== undefined && !(isText(language) && LANGUAGE.test(language)))
    errors.push({ field: 'options.language', message: 'must be an ISO 639 language code such as en or de' });
  if (pollMultiple !== undefined && typeof pollMultiple !== 'boolean')
    errors.push({ field: 'options.pollMultiple', message: 'must be true or false' });
  if (altTexts !== undefined && !(Array.isArray(altTexts) && altTexts.every(isText)))
    errors.push({ field: 'options.altTexts', message: 'must be a list of texts, one per media item' });
  if (thread !== undefined && !(Array.isArray(thread) && thread.every((p) => isText(p) && p.trim() !== '')))
    errors.push({ field: 'options.thread', message: 'must be a list of non-empty texts' });
  return errors;
}

/** Mastodon's option rules: shapes, a poll's multiple choice only on polls, no more alt texts than media. */
export function mastodonOptionViolations(
  postType: PostType,
  options: Record<string, unknown>,
  content: VariantContent,
): RuleViolation[] {
  const errors = mastodonOptionErrors(options);
  if (errors.length) return errors;
  if (options.pollMultiple !== undefined && postType !== 'poll')
    errors.push({ field: 'options.pollMultiple', message: `is only for poll posts, not ${postType} posts` });
  const altTexts = (options.altTexts as string[] | undefined) ?? [];
  if (altTexts.length > content.media.length)
    errors.push({
      field: 'options.altTexts',
      message: `has ${altTexts.length} texts for ${content.media.length} media items`,
      limit: content.media.length,
    });
  return errors;
}

/** The options for publishing; a wrong shape is a bad request (validation normally catches it first). */
export function readMastodonOptions(options: Record<string, unknown>): MastodonOptions {
  const errors = mastodonOptionErrors(options);
  if (errors.length) {
    const reason = errors.map((e) => `${e.field} ${e.message}`).join('; ');
    throw new ConnectorFailure({ kind: 'bad-request', reason: `Mastodon post options: ${reason}` });
  }
  return options as MastodonOptions;
}

/** Mastodon shows links inside the text, so a post's link goes at its end unless the text has it. */
export function statusText(text: string, link: string | null): string {
  if (!link || text.includes(link)) return text;
  return text ? `${text}\n\n${link}` : link;
}

/**
 * Statuses come back as HTML (`<p>…<br />…</p>`, links wrapped in anchors); matching compares the
 * plain words on both sides, without links and with spacing normalised.
 */
export function comparableStatus(html: string): string {
  return plainText(html)
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function comparableText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The status's HTML as text: paragraphs and line breaks as new lines, tags dropped, entities read. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export const MASTODON_OPTION_FIELDS: OptionField[] = [
  {
    name: 'visibility',
    label: 'Visibility',
    kind: 'select',
    required: false,
    help: 'Public unless chosen: unlisted stays off public timelines, private is for followers, direct for those mentioned',
    choices: choicesOf(MASTODON_VISIBILITIES, wordsOf),
  },
  {
    name: 'spoilerText',
    label: 'Content warning',
    kind: 'text',
    required: false,
    help: 'Shown in place of the text until the reader opens it',
  },
  {
    name: 'language',
    label: 'Language',
    kind: 'text',
    required: false,
    help: 'ISO 639 code such as en or de',
    maxLength: 3,
    placeholder: 'en',
  },
  {
    name: 'pollMultiple',
    label: 'Allow several choices',
    kind: 'boolean',
    required: false,
    help: 'Voters may pick more than one choice',
    postTypes: ['poll'],
  },
  {
    name: 'altTexts',
    label: 'Alt texts',
    kind: 'list',
    required: false,
    help: 'One line per attached media item, in order',
    postTypes: ['photo', 'gif', 'video'],
  },
];
