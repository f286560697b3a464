import { choicesOf, type OptionField, wordsOf } from '../option-fields';
import { ConnectorFailure } from '../connector';
import type { PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';

export const WORDPRESS_STATUSES = ['publish', 'draft', 'future'] as const;
export type WordPressStatus = (typeof WORDPRESS_STATUSES)[number];

/** The options a WordPress article takes beside `options.title`. */
export interface WordPressOptions {
  /** publish (default), draft (saved for an editor), future (WordPress publishes it at `publishAt`). */
  status: WordPressStatus;
  publishAt: Date | null;
  /** Category and tag names; missing ones are created on the site. */
  categories: string[];
  tags: string[];
  /** The summary themes show in lists; WordPress makes one from the content when absent. */
  excerpt: string | null;
  /** The featured image's alternative text (`options.altTexts[0]`, one per media item as on other networks). */
  altText: string | null;
}

const MAX_TERMS = 100;
const MAX_TERM_NAME = 200;

/** Problems with the WordPress options, named as the request names them; none means they are usable. */
export function wordpressOptionViolations(_postType: PostType, options: Record<string, unknown>): RuleViolation[] {
  return optionProblems(options, new Date());
}

function optionProblems(options: Record<string, unknown>, now: Date): RuleViolation[] {
  const problems: RuleViolation[] = [];
  const { status, publishAt, categories, tags, excerpt, altTexts } = options;
  if (status !== undefined && !WORDPRESS_STATUSES.includes(status as WordPressStatus))
    problems.push({ field: 'options.status', message: `must be one of ${WORDPRESS_STATUSES.join(', ')}` });
  if (status === 'future') {
    const at = typeof publishAt === 'string' ? Date.parse(publishAt) : NaN;
    if (Number.isNaN(at))
      problems.push({
        field: 'options.publishAt',
        message: 'is required for a future post: an ISO 8601 date and time',
      });
    else if (at <= now.getTime()) problems.push({ field: 'options.publishAt', message: 'must be in the future' });
  } else if (publishAt !== undefined)
    problems.push({ field: 'options.publishAt', message: 'is only for posts whose status is future' });
  for (const [name, names] of Object.entries({ categories, tags })) problems.push(...termViolations(name, names));
  if (altTexts !== undefined && !(Array.isArray(altTexts) && altTexts.every((alt) => typeof alt === 'string')))
    problems.push({ field: 'options.altTexts', message: 'must be a list of texts, one per media item' });
  for (const [name, text] of Object.entries({ excerpt }))
    if (text !== undefined && typeof text !== 'string')
      problems.push({ field: `options.${name}`, message: 'must be a text' });
  return problems;
}

function termViolations(name: string, names: unknown): RuleViolation[] {
  if (names === undefined) return [];
  const field = `options.${name}`;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && n.trim() !== ''))
    return [{ field, message: 'must be a list of non-empty names' }];
  if (names.length > MAX_TERMS) return [{ field, message: `may name at most ${MAX_TERMS}`, limit: MAX_TERMS }];
  const long = names.findIndex((n: string) => n.length > MAX_TERM_NAME);
  return long >= 0
    ? [{ field: `${field}[${long}]`, message: `is longer than ${MAX_TERM_NAME} characters`, limit: MAX_TERM_NAME }]
    : [];
}

/** The options as the connector uses them; anything invalid is a bad request naming the option. */
export function wordpressOptions(options: Record<string, unknown>): WordPressOptions {
  // A future date that has passed by the time the job runs is published now, as WordPress would.
  const problems = optionProblems(options, new Date(0));
  if (problems.length)
    throw new ConnectorFailure({
      kind: 'bad-request',
      reason: `WordPress options: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    });
  const names = (value: unknown) => [...new Set(((value as string[] | undefined) ?? []).map((n) => n.trim()))];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  return {
    status: (options.status as WordPressStatus | undefined) ?? 'publish',
    publishAt: options.status === 'future' ? new Date(options.publishAt as string) : null,
    categories: names(options.categories),
    tags: names(options.tags),
    excerpt: text(options.excerpt),
    altText: text((options.altTexts as string[] | undefined)?.[0]),
  };
}

export const WORDPRESS_OPTION_FIELDS: OptionField[] = [
  {
    name: 'status',
    label: 'Status',
    kind: 'select',
    required: false,
    help: 'Publish unless chosen; a draft waits for an editor, future publishes at the time below',
    choices: choicesOf(WORDPRESS_STATUSES, wordsOf),
  },
  {
    name: 'publishAt',
    label: 'WordPress publishes at',
    kind: 'datetime',
    required: true,
    help: 'The site publishes the article itself at this time',
    when: { option: 'status', values: ['future'] },
  },
  {
    name: 'categories',
    label: 'Categories',
    kind: 'list',
    required: false,
    help: 'One per line; new ones are created',
  },
  { name: 'tags', label: 'Tags', kind: 'list', required: false, help: 'One per line; new ones are created' },
  {
    name: 'excerpt',
    label: 'Excerpt',
    kind: 'textarea',
    required: false,
    help: 'The summary themes show in lists; made from the article when empty',
  },
];
