import type { OptionField } from '../option-fields';
import type { PostType } from '../network-limits';
import type { RuleViolation } from '../variant-validation';

/** Pinterest's alt text limit, in characters. */
export const PINTEREST_ALT_TEXT_LENGTH = 500;

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * Pinterest's own options: the board every pin needs (a board of the account, from connect),
 * an optional section of it, and alt text for image pins.
 */
export function pinterestOptionViolations(postType: PostType, options: Record<string, unknown>): RuleViolation[] {
  const { boardId, sectionId, altText } = options;
  const violations: RuleViolation[] = [];
  if (boardId !== undefined && !isText(boardId))
    violations.push({ field: 'options.boardId', message: 'must be a text (a board id)' });
  else if (!boardId?.trim())
    violations.push({ field: 'options.boardId', message: 'is required: choose the Pinterest board this pin goes to' });
  if (sectionId !== undefined && sectionId !== null && !isText(sectionId))
    violations.push({ field: 'options.sectionId', message: 'must be a text (a board section id)' });
  if (altText !== undefined && altText !== null) {
    if (!isText(altText)) violations.push({ field: 'options.altText', message: 'must be a text' });
    else if (postType === 'video' && altText.trim())
      violations.push({ field: 'options.altText', message: 'is for image pins; Pinterest takes none for videos' });
    else if ([...altText].length > PINTEREST_ALT_TEXT_LENGTH)
      violations.push({
        field: 'options.altText',
        message: `is ${[...altText].length} characters; Pinterest allows ${PINTEREST_ALT_TEXT_LENGTH}`,
        limit: PINTEREST_ALT_TEXT_LENGTH,
      });
  }
  return violations;
}

/** Pinterest's options as the composer shows them (boards and sections from the account, read on connect). */
export const PINTEREST_OPTION_FIELDS: OptionField[] = [
  {
    name: 'boardId',
    label: 'Board',
    kind: 'select',
    required: true,
    help: 'The board this pin goes to (boards are read when the account is connected)',
    choicesFrom: 'boards',
  },
  {
    name: 'sectionId',
    label: 'Board section',
    kind: 'select',
    required: false,
    help: 'A section of the chosen board, if it has any',
    choicesFrom: 'sections',
    choicesWithin: 'boardId',
  },
  {
    name: 'altText',
    label: 'Alt text',
    kind: 'textarea',
    required: false,
    help: 'Describes the image for people using screen readers',
    maxLength: PINTEREST_ALT_TEXT_LENGTH,
    postTypes: ['photo', 'gif', 'carousel'],
  },
];
