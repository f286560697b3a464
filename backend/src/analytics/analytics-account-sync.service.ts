import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import type { SocialAccount } from '../accounts/social-account.entity';
import { ConnectorFailure, MetricsUnavailableError, type Connector } from '../connectors/connector';
import { CONNECTORS, type ConnectorMap } from '../connectors/connectors.module';
import { Workspace } from '../workspaces/workspace.entity';
import { markAccount } from './account-reasons';
import { AnalyticsAccount } from './analytics-account.entity';
import { ensureAnalyticsAccounts } from './account-stats-writer';
import { AnalyticsIngest } from './analytics-ingest.service';
import { AnalyticsSql, dateOf } from './analytics-sql';
import { AnalyticsTracking } from './analytics-tracking.service';
import { COLLECT_OFFSETS_MS } from './cadence';
import { localDay } from './local-time';

/** How far back the first import of an account's own posts reaches: as long as collection runs. */
const FIRST_IMPORT_MS = COLLECT_OFFSETS_MS[COLLECT_OFFSETS_MS.length - 1];

interface LiveAccount {
  account: SocialAccount;
  timeZone: string;
  lastStatsDay: string | null;
  lastListedAt: Date | null;
}

export interface AccountSyncOutcome {
  statsRead: boolean;
  imported: number;
}

/**
 * Per account, once a workspace-local day: its own figures (followers …), announced as
 * `account.stats`, and the posts it published outside the platform since the last look, tracked
 * as external posts on the same cadence as ours.
 */
@Injectable()
export class AnalyticsAccountSync {
  private readonly logger = new Logger(AnalyticsAccountSync.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONNECTORS) private readonly connectors: ConnectorMap,
    private readonly accounts: AccountsService,
    private readonly ingest: AnalyticsIngest,
    private readonly tracking: AnalyticsTracking,
  ) {}

  /** Every active account whose local today has no figures yet. Returns how many were read. */
  async syncDue(now = new Date()): Promise<number> {
    let read = 0;
    for (const live of await this.live()) {
      if (live.lastStatsDay === localDay(now, live.timeZone)) continue;
      if ((await this.sync(live, now)).statsRead) read++;
    }
    return read;
  }

  /** One account now, whatever day it last had ("Sync now"). */
  async syncAccount(accountId: string, now = new Date()): Promise<AccountSyncOutcome> {
    const [live] = await this.live(accountId);
    return live ? this.sync(live, now) : { statsRead: false, imported: 0 };
  }

  private async sync(live: LiveAccount, now: Date): Promise<AccountSyncOutcome> {
    const { account } = live;
    const connector = this.connectors[account.network];
    const outcome: AccountSyncOutcome = { statsRead: false, imported: 0 };
    if (!connector) return outcome;
    const sql = new AnalyticsSql(this.dataSource.manager);
    await ensureAnalyticsAccounts(sql, [
      { accountId: account.id, workspaceId: account.workspaceId, network: account.network },
    ]);
    try {
      const credentials = this.accounts.credentials(account);
      const stats = await connector.fetchAccountStats(credentials);
      await this.ingest.recordAccountStats(account.id, localDay(now, live.timeZone), stats);
      outcome.statsRead = true;
      outcome.imported = await this.importPosts(connector, live, now);
      await markAccount(sql, account.id, { unavailableReason: null, lastSyncAt: now });
    } catch (error) {
      const reason = this.reasonOf(account, error);
      if (reason) await markAccount(sql, account.id, { unavailableReason: reason });
    }
    return outcome;
  }

  /** The account's posts the network lists since the last import, tracked as external ones. */
  private async importPosts(connector: Connector, live: LiveAccount, now: Date): Promise<number> {
    if (!connector.listPosts) return 0;
    const { account } = live;
    const since = live.lastListedAt ?? new Date(now.getTime() - FIRST_IMPORT_MS);
    const listed = await connector.listPosts(this.accounts.credentials(account), since);
    const ids = await this.tracking.trackMany(
      listed.map((post) => ({
        workspaceId: account.workspaceId,
        accountId: account.id,
        network: account.network,
        externalId: post.externalId,
        postId: null,
        variantId: null,
        authorId: null,
        postType: post.postType,
        mediaKind: post.mediaKind,
        text: post.text,
        url: post.url,
        publishedAt: post.publishedAt,
      })),
      { now },
    );
    await markAccount(new AnalyticsSql(this.dataSource.manager), account.id, { lastListedAt: now });
    return ids.length;
  }

  /** What the account page says about a failed read; null for a passing trouble (tried again next hour). */
  private reasonOf(account: SocialAccount, error: unknown): string | null {
    if (error instanceof MetricsUnavailableError) return error.reason;
    if (error instanceof ConnectorFailure) {
      if (error.failure.kind === 'retry') return null;
      return error.failure.kind === 'reauth'
        ? `Reconnect ${account.name}: ${error.failure.reason}`
        : error.failure.reason;
    }
    this.logger.warn(`account stats of ${account.id}: ${(error as Error).message}`);
    return (error as Error).message;
  }

  private async live(accountId?: string): Promise<LiveAccount[]> {
    const accounts = this.dataSource.getRepository<SocialAccount>('SocialAccount');
    const query = accounts
      .createQueryBuilder('a')
      .innerJoin(Workspace, 'w', 'w.id = a.workspaceId')
      .leftJoin(AnalyticsAccount, 's', 's.accountId = a.id')
      .addSelect('w.timeZone', 'timeZone')
      .addSelect('s.lastStatsDay', 'lastStatsDay')
      .addSelect('s.lastListedAt', 'lastListedAt')
      .where('a.deletedAt IS NULL')
      .andWhere("a.status = 'active'");
    if (accountId) query.andWhere('a.id = :accountId', { accountId });
    const { entities, raw } = await query.getRawAndEntities<{
      timeZone: string;
      lastStatsDay: string | null;
      lastListedAt: unknown;
    }>();
    return entities.map((account, i) => ({
      account,
      timeZone: raw[i].timeZone,
      lastStatsDay: raw[i].lastStatsDay ?? null,
      lastListedAt: raw[i].lastListedAt ? dateOf(raw[i].lastListedAt) : null,
    }));
  }
}
