import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';

/** WAL pages past which the writing connection checkpoints itself: only if the worker falls behind. */
export const FALLBACK_CHECKPOINT_PAGES = 10_000;
const CHECKPOINT_EVERY_MS = 1_000;

/** Runs in the worker thread, with its own connection to the same file. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 1000 });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite folds its write-ahead log back into the database file (a checkpoint) inside whichever
 * COMMIT crosses its threshold: a thousand pages copied and two fsyncs on the event loop, a stall of
 * tens of milliseconds in the middle of a webhook burst (measured: a third of all COMMIT time). A
 * worker thread with its own connection checkpoints every second instead — PASSIVE, so it neither
 * waits for nor blocks the writer — and the process's connection checkpoints itself only past
 * FALLBACK_CHECKPOINT_PAGES. Embedded SQLite files only; other databases need nothing of this.
 */
@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WalCheckpoints');
  private worker: Worker | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const { type, database } = this.dataSource.options;
    if (type !== 'better-sqlite3' || database === ':memory:') return;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: database, everyMs: CHECKPOINT_EVERY_MS },
    });
    this.worker.on('message', (message: string) => this.logger.warn(`checkpoint: ${message}`));
    this.worker.on('error', (error) => this.logger.error(`checkpoint worker: ${error.message}`));
    this.worker.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Unref'd so it never keeps a finished process alive; but while shutdown waits for it, it must
    // count, or Node sees an empty event loop and exits mid-shutdown (code 13 under a top-level
    // await), skipping every shutdown hook after this one.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }
}
