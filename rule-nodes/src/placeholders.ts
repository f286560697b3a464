/**
 * `{{path}}` placeholders in node config text, resolved against the incoming message's payload:
 * `{{title}}`, `{{author.name}}`, `{{categories.0}}`; objects become JSON. A placeholder may carry
 * a default for when the field is absent: `{{title | "Untitled"}}` (`| ""` says "may be empty").
 * A placeholder with no default whose field is absent is *missing*: the step fails naming it,
 * rather than sending text with a hole in it (an empty post that still went to approval).
 */
const PATH = '[A-Za-z0-9_$.-]+';
/** A quoted default: any characters but an unescaped quote; `\"` and `\\` inside. */
const DEFAULT = '"((?:[^"\\\\]|\\\\.)*)"';
const PLACEHOLDER = new RegExp(`\\{\\{\\s*(${PATH})\\s*(?:\\|\\s*${DEFAULT}\\s*)?\\}\\}`, 'g');
/** Anything that opens like a placeholder, to tell a malformed one from plain text. */
const ANY_BRACES = /\{\{([^{}]*)\}\}/g;

export interface Placeholder {
  /** The text as written, e.g. `{{title | "Untitled"}}`. */
  source: string;
  path: string;
  /** The default when the field is absent; undefined when it has none. */
  fallback?: string;
}

export interface FilledTemplate {
  text: string;
  /** Paths of placeholders with no default whose field the payload does not have, in order, once each. */
  missing: string[];
}

export function valueAt(payload: unknown, path: string): unknown {
  let current: unknown = payload;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    // Own properties only: a path must not reach prototypes (`constructor`, `__proto__`).
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const unescape = (quoted: string) => quoted.replace(/\\(["\\])/g, '$1');

/** The placeholders of a text, in order. */
export function placeholdersOf(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    source: m[0],
    path: m[1],
    ...(m[2] !== undefined && { fallback: unescape(m[2]) }),
  }));
}

/** `{{…}}` spans that are not placeholders as written (`{{title | Untitled}}` lacks quotes). */
export function malformedPlaceholders(text: string): string[] {
  return [...text.matchAll(ANY_BRACES)]
    .map((m) => m[0])
    .filter((span) => !new RegExp(`^${PLACEHOLDER.source}$`).test(span));
}

/** A placeholder as the editor inserts it: `{{path}}`, or with a quoted default. */
export function placeholderFor(path: string, fallback?: string): string {
  if (fallback === undefined) return `{{${path}}}`;
  return `{{${path} | "${fallback.replace(/(["\\])/g, '\\$1')}"}}`;
}

const render = (value: unknown) => (typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The text with every placeholder filled, and the fields it needed but the payload lacks. */
export function fillTemplate(text: string, payload: unknown): FilledTemplate {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (_match, path: string, quoted: string | undefined) => {
    const value = valueAt(payload, path);
    if (value !== undefined && value !== null) return render(value);
    if (quoted !== undefined) return unescape(quoted);
    missing.add(path);
    return '';
  });
  return { text: filled, missing: [...missing] };
}

/** The text with placeholders filled; an absent field becomes its default, else empty text. */
export function resolveTemplate(text: string, payload: unknown): string {
  return fillTemplate(text, payload).text;
}
