import { inspect } from 'node:util';
import type { JobId, JobParameters } from 'agenda';
import { AgendaJob, JsonValue } from './agenda-job.entity';

/** The row's fields as Agenda's `JobParameters`: NULL columns become absent (`undefined`) fields. */
export function toJobParameters(row: AgendaJob): JobParameters {
  return {
    _id: row.id as JobId,
    name: row.name,
    priority: row.priority,
    nextRunAt: row.nextRunAt,
    type: row.type,
    lockedAt: row.lockedAt ?? undefined,
    lastRunAt: row.lastRunAt ?? undefined,
    lastFinishedAt: row.lastFinishedAt ?? undefined,
    failedAt: row.failedAt ?? undefined,
    failCount: row.failCount ?? undefined,
    failReason: row.failReason ?? undefined,
    repeatInterval: row.repeatInterval ?? undefined,
    repeatTimezone: row.repeatTimezone ?? undefined,
    repeatAt: row.repeatAt ?? undefined,
    data: row.data,
    disabled: row.disabled,
    progress: row.progress ?? undefined,
    fork: row.fork,
    lastModifiedBy: row.lastModifiedBy ?? undefined,
    debounceStartedAt: row.debounceStartedAt ?? undefined,
    startDate: row.startDate ?? undefined,
    endDate: row.endDate ?? undefined,
    skipDays: row.skipDays ?? undefined,
  };
}

/**
 * Agenda hands dates over as `Date`s, but a job built from JSON may carry strings. An unreadable
 * date is refused here: SQLite would store "NaN-NaN-NaN…" without a word, PostgreSQL would fail.
 */
export function asDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

/** A failure reason kept on a row stays readable, not a whole stack or a huge payload. */
export const MAX_REASON_CHARS = 2000;

/**
 * Any failure reason as text. Agenda stores whatever a handler threw (`failReason = reason` for a
 * non-Error): an object handed to better-sqlite3 fails the whole statement (`Too few parameter
 * values`), so the job's final state would never be written and it would run again forever.
 */
export function reasonText(reason: unknown): string | null {
  if (reason === null || reason === undefined) return null;
  let text: string;
  if (typeof reason === 'string') text = reason;
  else if (reason instanceof Error) text = reason.message || reason.name;
  else {
    try {
      text = inspect(reason, { depth: 3, breakLength: Infinity, maxStringLength: MAX_REASON_CHARS });
    } catch {
      text = `unprintable ${typeof reason}`;
    }
  }
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text;
}

/** Progress is a percentage: anything else (a string, NaN) is not stored. */
const progressValue = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A count stored in an integer column. */
const countValue = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : null;

/** The columns a job's definition owns: what `saveJob` writes. Run state is `saveJobState`'s. */
export function definitionColumns(job: JobParameters, lastModifiedBy: string | undefined) {
  return {
    name: job.name,
    priority: job.priority ?? 0,
    type: job.type ?? 'normal',
    nextRunAt: asDate(job.nextRunAt),
    repeatInterval: job.repeatInterval ?? null,
    repeatTimezone: job.repeatTimezone ?? null,
    repeatAt: job.repeatAt ?? null,
    data: (job.data ?? null) as JsonValue,
    disabled: job.disabled ?? false,
    fork: job.fork ?? false,
    failReason: reasonText(job.failReason),
    failCount: countValue(job.failCount),
    failedAt: asDate(job.failedAt),
    lastModifiedBy: lastModifiedBy ?? null,
    startDate: asDate(job.startDate),
    endDate: asDate(job.endDate),
    skipDays: job.skipDays ?? null,
  } satisfies Partial<AgendaJob>;
}

/** The run-state columns: what `saveJobState` writes (and a fresh insert starts from). */
export function stateColumns(job: JobParameters, lastModifiedBy: string | undefined) {
  return {
    lockedAt: asDate(job.lockedAt),
    nextRunAt: asDate(job.nextRunAt),
    lastRunAt: asDate(job.lastRunAt),
    lastFinishedAt: asDate(job.lastFinishedAt),
    progress: progressValue(job.progress),
    failReason: reasonText(job.failReason),
    failCount: countValue(job.failCount),
    failedAt: asDate(job.failedAt),
    lastModifiedBy: lastModifiedBy ?? null,
  } satisfies Partial<AgendaJob>;
}

/**
 * Whether stored job data contains `expected`, as PostgreSQL's `jsonb @>` decides: objects match
 * when every expected key matches, arrays when every expected element is in the stored array,
 * scalars when equal. Done here rather than in SQL because JSON operators differ on every database.
 */
export function jsonContains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((item) => actual.some((candidate) => jsonContains(candidate, item)));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => key in record && jsonContains(record[key], value));
  }
  return actual === expected;
}
