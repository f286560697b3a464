import { choicesOf, type OptionField, wordsOf } from '../option-fields';
import { ConnectorFailure } from '../connector';
import type { PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';

/** Who may reply to a thread, as Threads names it. */
export const THREADS_REPLY_CONTROLS = [
  'everyone',
  'accounts_you_follow',
  'mentioned_only',
  'parent_post_author_only',
  'followers_only',
] as const;
export type ThreadsReplyControl = (typeof THREADS_REPLY_CONTROLS)[number];

/** `options.replyControl`, where it is one of Threads' own values. */
export function threadsOptionErrors(options: Record<string, unknown>): RuleViolation[] {
  const { replyControl } = options;
  if (replyControl !== undefined && !THREADS_REPLY_CONTROLS.includes(replyControl as ThreadsReplyControl))
    return [{ field: 'options.replyControl', message: `must be one of ${THREADS_REPLY_CONTROLS.join(', ')}` }];
  return [];
}

export function replyControlOf(options: Record<string, unknown>): ThreadsReplyControl | undefined {
  const errors = threadsOptionErrors(options);
  if (errors.length)
    throw new ConnectorFailure({ kind: 'bad-request', reason: `Threads: ${errors[0].field} ${errors[0].message}` });
  return options.replyControl as ThreadsReplyControl | undefined;
}

/** The variant-options rule: the same check, for every post type. */
export const threadsOptionViolations = (_postType: PostType, options: Record<string, unknown>) =>
  threadsOptionErrors(options);

export const THREADS_OPTION_FIELDS: OptionField[] = [
  {
    name: 'replyControl',
    label: 'Who can reply',
    kind: 'select',
    required: false,
    help: 'Threads lets everyone reply unless you choose otherwise',
    choices: choicesOf(THREADS_REPLY_CONTROLS, wordsOf),
  },
];
