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

  /** Shows a failed request: field errors beside their fields, the rest as a banner. */
  fromError(error: unknown, knownFields: string[] = []): void {
    const problem = toProblem(error);
    const fields: Record<string, string> = {};
    const others: string[] = [];
    for (const e of problem.errors ?? []) {
      if (knownFields.includes(e.field)) fields[e.field] ??= sentence(e.message);
      else others.push(`${e.field} ${e.message}`);
    }
    const banner =
      Object.keys(fields).length && !others.length
        ? null
        : [problem.title, problem.detail, ...others].filter(Boolean).join(' — ');
    this.set(fields, banner);
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0)
      return { type: 'network', title: 'Cannot reach the server. Check your connection and try again.', status: 0 };
    if (error.error && typeof error.error === 'object' && 'title' in error.error) return error.error as Problem;
    return { type: 'http', title: `Request failed (${error.status})`, status: error.status };
  }
  return { type: 'client', title: error instanceof Error ? error.message : 'Something went wrong', status: 0 };
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);
