/** How a rule's value is typed in: one text, a comma list (`in`) or a number (comparisons). */
export type OperandKind = 'text' | 'list' | 'number';

/** The condition node's operators: json-rules-engine's and rule-nodes' word and hashtag ones. */
export const OPERATORS: readonly { value: string; label: string; operand: OperandKind }[] = [
  { value: 'containsWord', label: 'contains the word', operand: 'text' },
  { value: 'notContainsWord', label: 'does not contain the word', operand: 'text' },
  { value: 'containsHashtag', label: 'has the hashtag', operand: 'text' },
  { value: 'notContainsHashtag', label: 'does not have the hashtag', operand: 'text' },
  { value: 'equal', label: 'equals', operand: 'text' },
  { value: 'notEqual', label: 'does not equal', operand: 'text' },
  { value: 'contains', label: 'list contains', operand: 'text' },
  { value: 'doesNotContain', label: 'list does not contain', operand: 'text' },
  { value: 'in', label: 'is one of', operand: 'list' },
  { value: 'notIn', label: 'is none of', operand: 'list' },
  { value: 'greaterThan', label: 'is more than', operand: 'number' },
  { value: 'greaterThanInclusive', label: 'is at least', operand: 'number' },
  { value: 'lessThan', label: 'is less than', operand: 'number' },
  { value: 'lessThanInclusive', label: 'is at most', operand: 'number' },
];

export function operandOf(operator: string): OperandKind {
  return OPERATORS.find((o) => o.value === operator)?.operand ?? 'text';
}

/** The text typed into a rule's value box, as the engine wants it for `operator`. */
export function parseOperand(operator: string, text: string): unknown {
  switch (operandOf(operator)) {
    case 'list':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    default:
      return text;
  }
}

/** A stored rule value shown in its text box. */
export function formatOperand(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}
