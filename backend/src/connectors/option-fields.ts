/** How the composer shows one of a network's own options. */
export const OPTION_FIELD_KINDS = [
  'select',
  'text',
  'textarea',
  'boolean',
  'date',
  'time',
  'datetime',
  'list',
] as const;
export type OptionFieldKind = (typeof OPTION_FIELD_KINDS)[number];

export interface OptionChoice {
  value: string;
  label: string;
}

/**
 * One option a network's variant takes (`variant.options.<name>`), described once beside the
 * network's option rules so the composer draws its input from data. A dotted name
 * (`event.title`) is a key of a nested object.
 */
export interface OptionField {
  name: string;
  label: string;
  kind: OptionFieldKind;
  /** Required whenever the field is shown (its `when` and `postTypes` hold). */
  required: boolean;
  help: string;
  choices?: OptionChoice[];
  /** A list the account keeps in its settings (read on connect), e.g. Pinterest's `boards`. */
  choicesFrom?: string;
  /** The choices are those of the item chosen in this other option (a board's `sections`). */
  choicesWithin?: string;
  maxLength?: number;
  /** An example value, shown in the empty input (a language code, a category number). */
  placeholder?: string;
  /** Shown only while another option has one of these values (an event's dates for event posts). */
  when?: { option: string; values: string[] };
  /** Shown only for these post types (Duet for videos); absent: every type. */
  postTypes?: string[];
}

export const choicesOf = (values: readonly string[], label: (value: string) => string = (v) => v): OptionChoice[] =>
  values.map((value) => ({ value, label: label(value) }));

/** "PUBLIC_TO_EVERYONE" / "accounts_you_follow" → "Public to everyone" / "Accounts you follow". */
export const wordsOf = (value: string): string => {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
