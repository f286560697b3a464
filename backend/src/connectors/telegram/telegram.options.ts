import type { OptionField } from '../option-fields';
import type { PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';

/** Telegram's own option: `silent` sends the message without a notification sound. */
export function telegramOptionViolations(_postType: PostType, options: Record<string, unknown>): RuleViolation[] {
  if (options.silent !== undefined && typeof options.silent !== 'boolean')
    return [{ field: 'options.silent', message: 'must be true or false' }];
  return [];
}

export const TELEGRAM_OPTION_FIELDS: OptionField[] = [
  {
    name: 'silent',
    label: 'Send silently',
    kind: 'boolean',
    required: false,
    help: 'Members get the message without a notification sound',
  },
];
