import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Agenda, Job } from 'agenda';
import { reasonText } from './agenda-job-row';

/** Injection token of the app's Agenda instance. */
export const AGENDA = Symbol('AGENDA');

export type JobHandler<Data> = (job: Job<Data>) => Promise<void>;

interface Recurring {
  name: string;
  interval: string;
}

/**
 * The app's background jobs on Agenda: contexts define their jobs at start-up; a process that
 * runs the worker loop calls `start()`. Periodic jobs are stored once (type `single`), so several
 * workers share one schedule, and a claim is a conditional update, so each run happens once.
 */
@Injectable()
export class BackgroundJobs implements OnApplicationShutdown {
  private readonly logger = new Logger(BackgroundJobs.name);
  private readonly recurring: Recurring[] = [];
  private started = false;

  constructor(@Inject(AGENDA) private readonly agenda: Agenda) {}

  define<Data>(name: string, handler: JobHandler<Data>, options: { concurrency?: number; lockLifetime?: number } = {}) {
    this.agenda.define<Data>(name, asErrors(handler), options);
  }

  /** Runs `name` every `interval` ("10 minutes") once the worker starts. */
  every(name: string, interval: string): void {
    this.recurring.push({ name, interval });
  }

  /** Queues a one-off job; its id is what `GET /api/v1/jobs/{id}` reports on. */
  async enqueue<Data extends object>(name: string, data: Data): Promise<string> {
    const job = await this.agenda.now(name, data);
    return String(job.attrs._id);
  }

  /** Queues a one-off job to run at `when` (retries with backoff). */
  async enqueueAt<Data extends object>(name: string, data: Data, when: Date): Promise<string> {
    const job = await this.agenda.schedule(when, name, data);
    return String(job.attrs._id);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.agenda.start();
    for (const { name, interval } of this.recurring) await this.agenda.every(interval, name);
    this.logger.log(`background jobs started (${this.recurring.map((r) => r.name).join(', ') || 'no periodic jobs'})`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.started) await this.agenda.stop();
  }
}

/**
 * A handler that throws something other than an Error (a string, an object, null) fails as an
 * Error saying what was thrown: Agenda reads `error.message` for its events and logs (undefined
 * for a string; a TypeError of its own for null).
 */
function asErrors<Data>(handler: JobHandler<Data>): JobHandler<Data> {
  return async (job) => {
    try {
      await handler(job);
    } catch (error) {
      throw error instanceof Error ? error : new Error(reasonText(error) ?? 'the job failed without a reason');
    }
  };
}
