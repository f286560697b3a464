import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Publisher } from './publisher';
import { Reconciler } from './reconciler';
import { SchedulerTick } from './scheduler-tick';

const RECONCILE_EVERY_MS = 5_000;
const TICK_BATCH = 500;
/** Jobs are made this far ahead so they are ready the moment they are due. */
const TICK_HORIZON_MS = 1_000;

/**
 * The worker's publishing loop: tick (due variants → jobs), claim due jobs up to the concurrency
 * limit and send them, and now and then reconcile jobs whose worker vanished. It polls quickly
 * when idle so lateness stays under a second or two, and drains in-flight sends on shutdown.
 */
@Injectable()
export class PublishingEngine implements OnApplicationShutdown {
  private readonly logger = new Logger(PublishingEngine.name);
  private readonly tick: SchedulerTick;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: Publisher,
    private readonly reconciler: Reconciler,
  ) {
    this.tick = new SchedulerTick(dataSource, { horizonMs: TICK_HORIZON_MS, batchSize: TICK_BATCH });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming new work and waits for the posts being sent right now. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.allSettled(this.inFlight);
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async run(): Promise<void> {
    let lastReconcile = 0;
    while (this.running) {
      let busy = false;
      try {
        busy = (await this.tick.run()) === TICK_BATCH;
        busy = (await this.dispatch()) || busy;
        if (Date.now() - lastReconcile > RECONCILE_EVERY_MS) {
          lastReconcile = Date.now();
          await this.reconciler.run();
        }
      } catch (error) {
        this.logger.error(`publishing loop: ${(error as Error).stack ?? error}`);
      }
      if (!busy) await this.pause(this.config.publishing.pollMs);
      else if (this.inFlight.size >= this.config.publishing.concurrency) await Promise.race(this.inFlight);
    }
  }

  /** Claims as many due jobs as there is room for; true when it claimed any. */
  private async dispatch(): Promise<boolean> {
    const room = this.config.publishing.concurrency - this.inFlight.size;
    if (room <= 0) return true;
    const jobs = await this.publisher.claim(room);
    if (!jobs.length) return false;
    const contexts = await this.publisher.loadMany(jobs);
    for (const job of jobs) {
      const sending: Promise<void> = this.publisher
        .attempt(job, contexts.get(job.id) ?? null)
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
    return jobs.length > 0;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
