import type { AnalyticsJob } from './analytics.api';

const POLL_MS = 700;

/**
 * Reads a background job until it has finished, reporting each reading (for a progress bar).
 * Stops early, answering null, once `stopped()` says the page has gone.
 */
export async function watchJob(
  read: (id: string) => Promise<AnalyticsJob>,
  id: string,
  onReading: (job: AnalyticsJob) => void,
  stopped: () => boolean,
): Promise<AnalyticsJob | null> {
  for (;;) {
    if (stopped()) return null;
    const job = await read(id);
    onReading(job);
    if (job.status === 'completed' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
