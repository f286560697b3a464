import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { SocialAccount } from '../accounts/social-account.entity';
import { BackgroundJobs } from '../jobs/background-jobs';
import { ensureAnalyticsAccounts } from './account-stats-writer';
import { AnalyticsAccount } from './analytics-account.entity';
import { SYNC_ACCOUNT_JOB, type SyncAccountJobData } from './analytics-jobs';
import { AnalyticsSql } from './analytics-sql';
import { AnalyticsSyncError } from './analytics-sync.errors';

/** Between two "Sync now" of one account: its network's rate limits are shared with collection. */
export const SYNC_COOLDOWN_MS = 15 * 60_000;

/** "Sync now" for an account: at most once per cooldown, run as a background job. */
@Injectable()
export class AnalyticsSync {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: BackgroundJobs,
  ) {}

  /** Queues the account's sync and returns the job's id; 429 with Retry-After within the cooldown. */
  async request(workspaceId: string, accountId: string, now = new Date()): Promise<string> {
    const account = await this.dataSource
      .getRepository<SocialAccount>('SocialAccount')
      .findOneBy({ id: accountId, workspaceId, deletedAt: IsNull() });
    if (!account) throw new AnalyticsSyncError('ACCOUNT_NOT_FOUND', 'No such account in this workspace');
    const sql = new AnalyticsSql(this.dataSource.manager);
    await ensureAnalyticsAccounts(sql, [{ accountId, workspaceId, network: account.network }]);
    // A conditional update takes the cooldown: of two requests at once, only one gets it.
    const taken = await this.dataSource
      .createQueryBuilder()
      .update(AnalyticsAccount)
      .set({ syncCooldownUntil: new Date(now.getTime() + SYNC_COOLDOWN_MS) })
      .where('accountId = :accountId AND (syncCooldownUntil IS NULL OR syncCooldownUntil <= :now)', { accountId, now })
      .execute();
    if (!taken.affected) {
      const state = await this.dataSource.getRepository(AnalyticsAccount).findOneByOrFail({ accountId });
      const seconds = Math.max(1, Math.ceil(((state.syncCooldownUntil?.getTime() ?? 0) - now.getTime()) / 1000));
      throw new AnalyticsSyncError('SYNC_COOLDOWN', `Sync ${account.name} again in ${seconds} s`, undefined, {
        'Retry-After': String(seconds),
      });
    }
    return this.jobs.enqueue<SyncAccountJobData>(SYNC_ACCOUNT_JOB, { workspaceId, accountId });
  }
}
