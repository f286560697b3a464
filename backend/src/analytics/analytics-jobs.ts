import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'agenda';
import { DataSource, LessThan } from 'typeorm';
import { WORKSPACE_ZONE_CHANGED, type WorkspaceZoneChangedEvent } from '../common/domain-events';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { BackgroundJobs } from '../jobs/background-jobs';
import { AnalyticsAccountSync, type AccountSyncOutcome } from './analytics-account-sync.service';
import { AnalyticsCollector, type CollectOutcome } from './analytics-collector.service';
import { rebuildForZone } from './zone-rebuild';
import { PostMetricSnapshot } from './post-metric-snapshot.entity';

export const COLLECT_DUE_JOB = 'analytics.collect-due';
export const ACCOUNT_STATS_JOB = 'analytics.account-stats';
export const PRUNE_SNAPSHOTS_JOB = 'analytics.prune-snapshots';
export const SYNC_ACCOUNT_JOB = 'analytics.sync-account';
export const ZONE_REBUILD_JOB = 'analytics.rebuild-for-zone';

const DAY_MS = 24 * 3_600_000;

/** A workspace's rollups moved to its new time zone; `result.moved`: posts whose local day or hour changed. */
export interface ZoneRebuildJobData {
  workspaceId: string;
  result?: { moved: number };
}

/** "Sync now": the account's metrics, figures and listed posts read at once; read through GET /jobs/{id}. */
export interface SyncAccountJobData {
  workspaceId: string;
  accountId: string;
  result?: CollectOutcome & AccountSyncOutcome;
}

/**
 * Analytics' background jobs: due metric reads every minute; account figures hourly, which reads
 * each account once per local day of its workspace (zones turn midnight at different hours);
 * raw-snapshot pruning daily; one-off account syncs, and best-time cells rebuilt after a
 * workspace's time zone changes.
 */
@Injectable()
export class AnalyticsJobs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: BackgroundJobs,
    private readonly collector: AnalyticsCollector,
    private readonly accounts: AnalyticsAccountSync,
  ) {}

  onModuleInit(): void {
    this.jobs.define(COLLECT_DUE_JOB, async () => void (await this.collectDue()));
    this.jobs.define(ACCOUNT_STATS_JOB, async () => void (await this.accounts.syncDue()));
    this.jobs.define(PRUNE_SNAPSHOTS_JOB, async () => void (await this.pruneSnapshots()));
    this.jobs.define<SyncAccountJobData>(SYNC_ACCOUNT_JOB, (job) => this.syncAccount(job));
    this.jobs.define<ZoneRebuildJobData>(ZONE_REBUILD_JOB, (job) => this.rebuildForZone(job));
    this.jobs.every(COLLECT_DUE_JOB, '1 minute');
    this.jobs.every(ACCOUNT_STATS_JOB, '1 hour');
    this.jobs.every(PRUNE_SNAPSHOTS_JOB, '1 day');
  }

  /** Claims and reads due posts until none is left (a backlog after downtime drains in one run). */
  async collectDue(now = new Date()): Promise<CollectOutcome> {
    const total: CollectOutcome = { claimed: 0, collected: 0, deferred: 0, gone: 0 };
    for (;;) {
      const run = await this.collector.collectDue(now);
      for (const key of Object.keys(total) as Array<keyof CollectOutcome>) total[key] += run[key];
      if (!run.claimed) return total;
    }
  }

  /** Day rollups and the heatmap are in the workspace's zone: a new zone rebuilds them in the background. */
  @OnEvent(WORKSPACE_ZONE_CHANGED, { async: true, promisify: true })
  async onZoneChanged(e: WorkspaceZoneChangedEvent): Promise<void> {
    await this.jobs.enqueue(ZONE_REBUILD_JOB, { workspaceId: e.workspaceId });
  }

  /** Progress on GET /api/v1/jobs/{id}; day rollups from the oldest whole day raw snapshots still cover. */
  async rebuildForZone(job: Job<ZoneRebuildJobData>, now = new Date()): Promise<void> {
    const snapshotsFrom = new Date(now.getTime() - this.config.analytics.snapshotRetentionDays * DAY_MS);
    const moved = await rebuildForZone(this.dataSource, job.attrs.data.workspaceId, {
      snapshotsFrom,
      onProgress: async (percent) => void (await job.touch(Math.floor(percent))),
    });
    job.attrs.data.result = { moved };
    await job.save();
  }

  /** Raw snapshots past the retention period; returns how many were deleted. */
  async pruneSnapshots(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.analytics.snapshotRetentionDays * DAY_MS);
    const result = await this.dataSource.getRepository(PostMetricSnapshot).delete({ takenAt: LessThan(before) });
    return result.affected ?? 0;
  }

  async syncAccount(job: Job<SyncAccountJobData>, now = new Date()): Promise<void> {
    const { accountId } = job.attrs.data;
    await this.collector.makeDue(accountId, now);
    const collected = await this.collector.collectDue(now, accountId);
    const account = await this.accounts.syncAccount(accountId, now);
    // Agenda saves only the run state after a handler; the result is data, saved here.
    job.attrs.data.result = { ...collected, ...account };
    await job.save();
  }
}
