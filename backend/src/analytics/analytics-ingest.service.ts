import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ACCOUNT_STATS,
  type AccountStatsEvent,
  POST_METRICS,
  POST_METRICS_BATCH,
  type PostMetricsBatchEvent,
  type PostMetricsEvent,
} from '../common/domain-events';
import type { AccountStats } from '../connectors/connector';
import { inTransaction } from '../database/transactions';
import { AccountStatsWriter, type AccountStatsEntry } from './account-stats-writer';
import { IngestBatch, type SnapshotInput } from './ingest-batch';

export type { SnapshotInput } from './ingest-batch';

/** Snapshots per transaction: larger batches sum more gains into one update per rollup row. */
export const INGEST_BATCH = 2000;

export interface RecordOutcome {
  stored: number;
  /** Snapshots of posts that are not tracked (deleted meanwhile): dropped. */
  unknown: number;
  /** Snapshots that became their post's latest metrics and were announced. */
  announced: number;
}

/**
 * Where metrics enter analytics: raw snapshots stored and every rollup kept current in the same
 * transaction (see rollup-math.ts for the rule that keeps late and repeated snapshots from
 * counting twice), then `post.metrics` announced for the snapshots that became a post's latest.
 */
@Injectable()
export class AnalyticsIngest {
  private readonly logger = new Logger(AnalyticsIngest.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * `announce: false` for history loaded in bulk (the demo history): its metrics are past, so
   * automations must not react to them as to a post that just crossed a threshold.
   */
  async record(snapshots: SnapshotInput[], options: { announce?: boolean } = {}): Promise<RecordOutcome> {
    const outcome: RecordOutcome = { stored: 0, unknown: 0, announced: 0 };
    for (let i = 0; i < snapshots.length; i += INGEST_BATCH) {
      const batch = snapshots.slice(i, i + INGEST_BATCH);
      const done = await inTransaction(this.dataSource, (em) => new IngestBatch(em).run(batch));
      outcome.stored += done.stored;
      outcome.unknown += done.unknown;
      if (options.announce === false) continue;
      outcome.announced += done.events.length;
      await this.announce(done.events);
    }
    return outcome;
  }

  /** An account's own figures for a workspace-local day (YYYY-MM-DD), announced as `account.stats`. */
  async recordAccountStats(accountId: string, day: string, stats: AccountStats): Promise<void> {
    await this.recordAccountStatsMany([{ accountId, day, stats }]);
  }

  /** Many accounts' or days' figures at once (demo history), in one transaction. */
  async recordAccountStatsMany(entries: AccountStatsEntry[]): Promise<void> {
    const written = await inTransaction(this.dataSource, (em) => new AccountStatsWriter(em).write(entries));
    for (const event of written) await this.emit<AccountStatsEvent>(ACCOUNT_STATS, event);
  }

  /**
   * Each post's event, then the batch's in one: metric-threshold triggers react to the batch, so
   * they read a workspace's automations once per batch (a query per post cost twice the ingestion).
   */
  private async announce(events: PostMetricsEvent[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) await this.emit(POST_METRICS, event);
    await this.emit<PostMetricsBatchEvent>(POST_METRICS_BATCH, { events });
  }

  /** A reaction that fails is logged: the metrics are stored whatever a listener does with them. */
  private async emit<E>(name: string, event: E): Promise<void> {
    try {
      await this.events.emitAsync(name, event);
    } catch (error) {
      this.logger.warn(`${name} listener failed: ${(error as Error).message}`);
    }
  }
}
