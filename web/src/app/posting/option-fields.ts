/** One of a network's own options as `GET /networks` describes it (the backend's optionFields). */
export interface OptionField {
  name: string;
  label: string;
  kind: 'select' | 'text' | 'textarea' | 'boolean' | 'date' | 'time' | 'datetime' | 'list';
  required: boolean;
  help: string;
  choices?: { value: string; label: string }[];
  choicesFrom?: string;
  choicesWithin?: string;
  maxLength?: number;
  placeholder?: string;
  when?: { option: string; values: string[] };
  postTypes?: string[];
}

export interface AccountChoice {
  value: string;
  label: string;
  parent: string | null;
}

type Options = Record<string, unknown>;

/** A dotted name (`event.title`) reads a nested object's key. */
export function readOption(options: Options, name: string): unknown {
  const [head, tail] = name.split('.');
  return tail ? (options[head] as Options | undefined)?.[tail] : options[head];
}

export function withOption(options: Options, name: string, value: unknown): Options {
  const [head, tail] = name.split('.');
  if (!tail) return { ...options, [head]: value };
  return { ...options, [head]: { ...((options[head] as Options | undefined) ?? {}), [tail]: value } };
}

/** Whether the field applies now: its post types and the option it depends on ('' = unset). */
export function fieldShown(field: OptionField, options: Options, postType: string | null): boolean {
  if (field.postTypes && !(postType && field.postTypes.includes(postType))) return false;
  return !field.when || field.when.values.includes(String(readOption(options, field.when.option) ?? ''));
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);

/**
 * The network's options as sent: hidden fields dropped (an event's dates after switching to an
 * update), empty ones left out, lists without blank lines; a group whose required field shows is
 * sent even when empty, so the server names what is missing.
 */
export function networkOptions(fields: OptionField[], options: Options, postType: string | null): Options {
  const names = new Set(fields.map((f) => f.name.split('.')[0]));
  let sent: Options = Object.fromEntries(Object.entries(options).filter(([key]) => !names.has(key)));
  for (const field of fields) {
    if (!fieldShown(field, options, postType)) continue;
    let value = readOption(options, field.name);
    if (Array.isArray(value)) value = value.map((v) => String(v).trim()).filter(Boolean);
    if (typeof value === 'string') value = value.trim();
    if (!isEmpty(value)) sent = withOption(sent, field.name, value);
    else if (field.required && field.name.includes('.')) sent[field.name.split('.')[0]] ??= {};
  }
  return sent;
}
