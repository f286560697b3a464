import type { SocialAccount } from '../core/api.types';
import { toProblem } from '../core/form-errors';

/** The variant fields in people's words. */
const FIELD_LABELS: Record<string, string> = {
  text: 'The text',
  link: 'The link',
  media: 'The media',
  mediaIds: 'The media',
  postType: 'The post type',
  accountId: 'The account',
  schedule: 'The time',
  'options.pollOptions': 'The poll',
  'options.pollDurationMinutes': 'The poll length',
  'options.title': 'The title',
  'options.firstComment': 'The first comment',
};

/** "options.pollOptions[1]" → "The poll": a variant field's name in a sentence. */
export function variantFieldLabel(field: string): string {
  const key = field.replace(/\[\d+\]$/, '');
  return FIELD_LABELS[key] ?? FIELD_LABELS[key.split('.')[0].replace(/\[\d+\]$/, '')] ?? field;
}

/** Sentences for the schedule's fields, by field and what the server said. */
function scheduleSentence(field: string, message: string): string {
  if (field === 'schedule.at' && /in the past/.test(message))
    return 'This time is in the past. Pick a later one, or choose Publish now.';
  if (field === 'schedule.at') return `The date and time ${message}.`;
  if (field === 'schedule.rrule') return `The repeat rule ${message}.`;
  if (field === 'schedule.intervalDays') return `The days between posts ${message}.`;
  if (field === 'schedule.maxRepeats') return `The number of times ${message}.`;
  return `The schedule ${message}.`;
}

/**
 * The API's field errors as plain sentences: the schedule's on their own ("This time is in the
 * past…"), each variant's prefixed with its account ("Brand A: the poll length must be …"), the
 * rest after the problem's title. A variant's message already names its account and network
 * ("Brand A (X): …"); that prefix is replaced by the account's name.
 */
export function composerErrors(error: unknown, accounts: SocialAccount[]): { schedule: string | null; other: string } {
  const problem = toProblem(error);
  const schedule: string[] = [];
  const other: string[] = [];
  for (const { field, message } of problem.errors ?? []) {
    if (field.startsWith('schedule')) {
      schedule.push(scheduleSentence(field, message));
      continue;
    }
    const variant = /^variants\[(\d+)\]\.(.+)$/.exec(field);
    if (!variant) {
      other.push(`${field}: ${message}`);
      continue;
    }
    const label = variantFieldLabel(variant[2]);
    const named = /^(.+?) \([^)]+\): (.*)$/.exec(message);
    const account = named?.[1] ?? accounts[Number(variant[1])]?.name;
    const said = named?.[2] ?? message;
    other.push(
      `${account ? `${account}: ` : ''}${label.toLowerCase()} ${said}`.replace(/^(.)/, (c) => c.toUpperCase()),
    );
  }
  if (!problem.errors?.length) other.push([problem.title, problem.detail].filter(Boolean).join(' — '));
  return { schedule: schedule.length ? schedule.join(' ') : null, other: other.join(' ') };
}
