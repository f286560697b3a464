import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import type { Problem } from './api.types';

/**
 * Errors of one form: per-field messages (from the server's problem+json `errors`, or client-side
 * checks) and a banner for everything else.
 */
export class FormErrors {
  private readonly _fields = signal<Record<string, string>>({});
  private readonly _banner = signal<string | null>(null);
  readonly banner = this._banner.asReadonly();

  field(name: string): string | null {
    return this._fields()[name] ?? null;
  }

  clear(): void {
    this._fields.set({});
    this._banner.set(null);
  }

  set(fields: Record<string, string>, banner: string | null = null): void {
    this._fields.set(fields);
    this._banner.set(banner);
  }

  /**
   * Shows a failed request: field errors beside their fields, the rest as a banner. The API's
   * messages are predicates ("must be a valid email address", "is wrong"), so each is put after
   * the field's label; `fields` lists the form's fields, or maps them to their labels.
   */
  fromError(error: unknown, fields: string[] | Record<string, string> = []): void {
    const labels = Array.isArray(fields) ? Object.fromEntries(fields.map((f) => [f, humanise(f)])) : fields;
    const problem = toProblem(error);
    const shown: Record<string, string> = {};
    const others: string[] = [];
    for (const e of problem.errors ?? []) {
      // A list item's error ("defaultPostingTimes.1") belongs to the list's field.
      const field = e.field in labels ? e.field : e.field.replace(/\.\d+$/, '');
      const label = labels[field];
      if (label) shown[field] ??= fieldMessage(label, e.field, e.message);
      else others.push(fieldMessage(humanise(e.field), e.field, e.message));
    }
    const banner =
      Object.keys(shown).length && !others.length
        ? null
        : [problem.title, problem.detail, ...others].filter(Boolean).join(' — ');
    this.set(shown, banner);
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0)
      return { type: 'network', title: 'Cannot reach the server. Check your connection and try again.', status: 0 };
    const problem: Problem =
      error.error && typeof error.error === 'object' && 'title' in error.error
        ? (error.error as Problem)
        : { type: 'http', title: `Request failed (${error.status})`, status: error.status };
    return error.status === 429 ? withRetryAfter(problem, error.headers.get('Retry-After')) : problem;
  }
  return { type: 'client', title: error instanceof Error ? error.message : 'Something went wrong', status: 0 };
}

/** One line for a banner: the problem's title and detail. */
export function problemText(error: unknown): string {
  const problem = toProblem(error);
  return [problem.title, problem.detail].filter(Boolean).join(' — ');
}

/** "currentPassword" → "Current password"; "branding.primaryColor" → "Primary color". */
export function humanise(field: string): string {
  const words = (field.split('.').pop() ?? field).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "is wrong" → "Current password is wrong"; a message that names its field gets the label instead. */
function fieldMessage(label: string, field: string, message: string): string {
  const bare = field.split('.').pop() ?? field;
  if (message.startsWith(`${bare} `)) return `${label}${message.slice(bare.length)}`;
  if (/^[a-z]/.test(message)) return `${label} ${message}`;
  return message;
}

/** Throttled: say how long to wait, from the Retry-After header (seconds or an HTTP date). */
function withRetryAfter(problem: Problem, retryAfter: string | null): Problem {
  if (!retryAfter) return problem;
  const seconds = /^\d+$/.test(retryAfter)
    ? Number(retryAfter)
    : Math.max(0, Math.round((Date.parse(retryAfter) - Date.now()) / 1000));
  if (!Number.isFinite(seconds)) return problem;
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return { ...problem, detail: `Try again in ${wait}.` };
}
