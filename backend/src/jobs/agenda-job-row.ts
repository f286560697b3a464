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

/** Agenda hands dates over as `Date`s, but a job built from JSON may carry strings. */
export const asDate = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : new Date(value);

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
    failReason: job.failReason ?? null,
    failCount: job.failCount ?? null,
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
    progress: job.progress ?? null,
    failReason: job.failReason ?? null,
    failCount: job.failCount ?? null,
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
