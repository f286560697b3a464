/**
 * `{{path}}` placeholders in node config text, resolved against the incoming message's payload:
 * `{{title}}`, `{{author.name}}`, `{{categories.0}}`. A path that leads nowhere becomes empty
 * text; objects become JSON.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_$.-]+)\s*\}\}/g;

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

export function resolveTemplate(text: string, payload: unknown): string {
  return text.replace(PLACEHOLDER, (_match, path: string) => {
    const value = valueAt(payload, path);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
