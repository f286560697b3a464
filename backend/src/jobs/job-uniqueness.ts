import { createHash } from 'node:crypto';
import type { JobParameters } from 'agenda';
import { AgendaJob } from './agenda-job.entity';
import { definitionColumns } from './agenda-job-row';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Key of the one `type: 'single'` job of a name (what `every()` saves). */
export const singleJobKey = (name: string): string => `single:${sha256(name)}`;

/**
 * Key of a job saved with `job.unique({ 'data.userId': 5 })`: the name plus the criteria, sorted so
 * the same criteria written in another order find the same job.
 */
export function uniqueJobKey(name: string, criteria: Record<string, unknown>): string {
  const sorted = Object.keys(criteria)
    .sort()
    .map((key) => [key, criteria[key]]);
  return `unique:${sha256(JSON.stringify([name, sorted]))}`;
}

/**
 * The update for an existing job saved again with `job.unique(...)`: its definition, with
 * `uniqueOpts.insertOnly` keeping it untouched and `uniqueOpts.debounce` moving its run time.
 */
export function uniqueUpdate(
  job: JobParameters,
  existing: AgendaJob,
  lastModifiedBy: string | undefined,
): Partial<AgendaJob> | null {
  const debounce = job.uniqueOpts?.debounce;
  if (job.uniqueOpts?.insertOnly && !debounce) return null;
  const columns = { ...definitionColumns(job, lastModifiedBy), debounceStartedAt: null as Date | null };
  if (!debounce) return columns;
  const now = new Date();
  const startedAt = existing.debounceStartedAt ?? now;
  if (debounce.strategy === 'leading') {
    return { ...columns, nextRunAt: existing.nextRunAt, debounceStartedAt: startedAt };
  }
  if (debounce.maxWait && now.getTime() - startedAt.getTime() >= debounce.maxWait) {
    return { ...columns, nextRunAt: now, debounceStartedAt: null };
  }
  return { ...columns, nextRunAt: new Date(now.getTime() + debounce.delay), debounceStartedAt: startedAt };
}

/** A debounced unique job's first save: trailing waits the delay, leading runs as scheduled. */
export function firstDebounce(job: JobParameters): Partial<AgendaJob> {
  const debounce = job.uniqueOpts?.debounce;
  if (!job.unique || !debounce) return {};
  const now = new Date();
  if (debounce.strategy === 'leading') return { debounceStartedAt: now };
  return { debounceStartedAt: now, nextRunAt: new Date(now.getTime() + debounce.delay) };
}
