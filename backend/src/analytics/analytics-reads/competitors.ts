import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../accounts/accounts.service';
import type { SocialAccount } from '../../accounts/social-account.entity';
import { notFound } from '../../common/common.errors';
import { newId } from '../../common/ids';
import { ConnectorFailure, MetricsUnavailableError, type PublicAccount } from '../../connectors/connector';
import { CONNECTORS, type ConnectorMap } from '../../connectors/connectors.module';
import type { NetworkId, PostType } from '../../connectors/network-limits';
import { BackgroundJobs } from '../../jobs/background-jobs';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { CompetitorDay } from '../competitor-day.entity';
import { Competitor } from '../competitor.entity';
import { engagementOf } from '../derived-metrics';
import { AnalyticsReadsError } from './analytics-reads.errors';

/** The daily snapshot of every tracked competitor. */
export const COMPETITORS_JOB = 'analytics.competitors';

/** A day's figures of a competitor, from its public profile and recent posts (the demo history replays it for past days). */
export function daysFrom(
  competitor: Competitor,
  profile: PublicAccount,
  timeZone: string,
  now: Date,
): Array<Omit<CompetitorDay, 'competitor'>> {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
  const days = new Map<string, Omit<CompetitorDay, 'competitor'>>();
  const dayOf = (day: string) => {
    let row = days.get(day);
    if (!row) {
      row = {
        competitorId: competitor.id,
        day,
        workspaceId: competitor.workspaceId,
        followers: null,
        following: null,
        posts: null,
        postsPublished: 0,
        engagement: null,
        impressions: null,
        engagementRate: null,
        mix: null,
      };
      days.set(day, row);
    }
    return row;
  };
  Object.assign(dayOf(today), { followers: profile.followers, following: profile.following, posts: profile.posts });
  // Recent posts fill in the days they were published on (a profile lists about a month back).
  for (const post of profile.recentPosts) {
    const row = dayOf(DateTime.fromJSDate(post.publishedAt, { zone: timeZone }).toISODate()!);
    row.postsPublished += 1;
    const engagement = engagementOf(competitor.network, post.metrics);
    if (engagement !== null) row.engagement = (row.engagement ?? 0) + engagement;
    if (post.metrics.impressions !== null) row.impressions = (row.impressions ?? 0) + post.metrics.impressions;
    row.mix = { ...row.mix, [post.postType]: (row.mix?.[post.postType as PostType] ?? 0) + 1 };
  }
  for (const row of days.values()) {
    // Engagement per post per follower, the rate public figures allow.
    row.engagementRate =
      row.engagement !== null && row.postsPublished && profile.followers
        ? (row.engagement / row.postsPublished / profile.followers) * 100
        : null;
  }
  return [...days.values()];
}

/** Competitors: public accounts tracked daily beside the workspace's own. */
@Injectable()
export class Competitors implements OnModuleInit {
  private readonly logger = new Logger(Competitors.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONNECTORS) private readonly connectors: ConnectorMap,
    private readonly accounts: AccountsService,
    private readonly workspaces: WorkspacesService,
    private readonly jobs: BackgroundJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define(COMPETITORS_JOB, async () => void (await this.snapshotAll()));
    this.jobs.every(COMPETITORS_JOB, '1 day');
  }

  async add(workspaceId: string, network: NetworkId, handle: string): Promise<Competitor> {
    const { account, profile } = await this.lookUp(workspaceId, network, handle);
    const repo = this.dataSource.getRepository(Competitor);
    const key = profile.handle.replace(/^@/, '');
    if (await repo.existsBy({ workspaceId, network, handle: key }))
      throw new AnalyticsReadsError('COMPETITOR_TRACKED', `@${key} on ${account.network} is already tracked`);
    const competitor = repo.create({
      id: newId(),
      workspaceId,
      network,
      handle: key,
      name: profile.name.slice(0, 100),
      externalId: profile.externalId,
      unavailableReason: null,
    });
    await repo.insert(competitor);
    await this.store(competitor, profile);
    return competitor;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(Competitor).delete({ workspaceId, id });
    if (!result.affected) throw notFound('Competitor');
  }

  async get(workspaceId: string, id: string): Promise<Competitor> {
    const competitor = await this.dataSource.getRepository(Competitor).findOneBy({ workspaceId, id });
    if (!competitor) throw notFound('Competitor');
    return competitor;
  }

  /** Today's snapshot of every competitor; one that can't be read keeps its reason and the rest go on. */
  async snapshotAll(now = new Date()): Promise<number> {
    const competitors = await this.dataSource.getRepository(Competitor).find({ order: { id: 'ASC' } });
    let done = 0;
    for (const competitor of competitors) {
      try {
        const { profile } = await this.lookUp(competitor.workspaceId, competitor.network, competitor.handle);
        await this.store(competitor, profile, now);
        done += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`competitor ${competitor.id} not snapshotted: ${reason}`);
        await this.dataSource
          .getRepository(Competitor)
          .update(competitor.id, { unavailableReason: reason.slice(0, 500) });
      }
    }
    return done;
  }

  private async store(competitor: Competitor, profile: PublicAccount, now = new Date()): Promise<void> {
    const timeZone = await this.workspaces.timeZoneOf(competitor.workspaceId);
    const rows = daysFrom(competitor, profile, timeZone, now);
    await this.dataSource.getRepository(CompetitorDay).upsert(rows, ['competitorId', 'day']);
    if (competitor.unavailableReason)
      await this.dataSource.getRepository(Competitor).update(competitor.id, { unavailableReason: null });
  }

  /** Looks a handle up through one of the workspace's active accounts on that network. */
  private async lookUp(
    workspaceId: string,
    network: NetworkId,
    handle: string,
  ): Promise<{ account: SocialAccount; profile: PublicAccount }> {
    const connector = this.connectors[network];
    const refuse = (field: string, message: string) =>
      new AnalyticsReadsError('COMPETITOR_LOOKUP', `${field}: ${message}`, [{ field, message }]);
    if (!connector?.lookupPublicAccount) throw refuse('network', 'does not let us read public accounts');
    const account = (await this.accounts.live(workspaceId)).find((a) => a.network === network && a.status === 'active');
    if (!account)
      throw refuse('network', 'connect an account of this network first: competitors are looked up through it');
    try {
      return { account, profile: await connector.lookupPublicAccount(this.accounts.credentials(account), handle) };
    } catch (error) {
      // The account's grant lacks the permission public figures need: the person can reconnect it.
      if (error instanceof MetricsUnavailableError) throw refuse('network', error.message);
      if (!(error instanceof ConnectorFailure)) throw error;
      if (error.failure.kind === 'retry')
        throw new AnalyticsReadsError('COMPETITOR_NETWORK_DOWN', `The network did not answer: ${error.failure.reason}`);
      throw refuse('handle', error.failure.reason);
    }
  }
}
