import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '../../accounts/accounts.service';
import { CommonError, notFound } from '../../common/common.errors';
import { PostFacts } from '../../posts/post-facts';
import { QueueSlotsService } from '../../scheduling/queue-slots.service';
import { MembersService } from '../../workspaces/members.service';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import { accountAnalytics } from './account-reads';
import type {
  AnalyticsPostsQueryDto,
  AnalyticsQueryDto,
  BestTimesQueryDto,
  HashtagsQueryDto,
} from './analytics-query.dto';
import { AnalyticsReadsError } from './analytics-reads.errors';
import { slotsOf } from './best-time-stats';
import { BestTimes } from './best-times';
import { competitorRows, competitorSeries, ownRows } from './competitor-reads';
import { Competitors } from './competitors';
import { instantsOf, MAX_RANGE_DAYS, readRange } from './date-range';
import { hashtagTable } from './hashtag-reads';
import { memberTable } from './member-reads';
import { overview } from './overview-reads';
import { postDetail, postVariants } from './post-detail-reads';
import { allPosts, postPage } from './post-reads';
import type { ReadScope } from './read-scope';

const invalid = (field: string, message: string) =>
  new CommonError('VALIDATION', `${field}: ${message}`, [{ field, message }]);

/** The analytics read side: every dashboard read, from the rollups and analytics_posts only. */
@Injectable()
export class AnalyticsReads {
  private readonly labelled: (param: string) => string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workspaces: WorkspacesService,
    private readonly accounts: AccountsService,
    private readonly members: MembersService,
    private readonly postFacts: PostFacts,
    private readonly bestTimes: BestTimes,
    private readonly queueSlots: QueueSlotsService,
    private readonly competitors: Competitors,
  ) {
    this.labelled = (param) => this.postFacts.labelledPostsSql(param);
  }

  /** The workspace, range and filters of a read; a range backwards or too long is a 400 naming the field. */
  async scope(workspaceId: string, query: AnalyticsQueryDto): Promise<ReadScope> {
    if (query.from && query.to && query.from > query.to) throw invalid('from', 'must not be after to');
    const range = readRange(query, await this.workspaces.timeZoneOf(workspaceId));
    if (range.days > MAX_RANGE_DAYS) throw invalid('to', `must be within ${MAX_RANGE_DAYS} days of from`);
    return { workspaceId, range, accounts: query.accounts, networks: query.networks, labels: query.labels };
  }

  async overview(workspaceId: string, query: AnalyticsQueryDto) {
    return overview(this.db, await this.scope(workspaceId, query), this.labelled);
  }

  async posts(workspaceId: string, query: AnalyticsPostsQueryDto) {
    return postPage(this.db, await this.scope(workspaceId, query), this.labelled, {
      sort: query.sort ?? 'publishedAt',
      order: query.order ?? 'desc',
      limit: query.limit ?? 50,
      cursor: query.cursor,
      external: query.external === undefined ? undefined : query.external === 'true',
    });
  }

  /** Every post of the filters in sort order (the CSV download of the posts table). */
  async allPosts(workspaceId: string, query: AnalyticsPostsQueryDto) {
    return allPosts(this.db, await this.scope(workspaceId, query), this.labelled, {
      sort: query.sort ?? 'publishedAt',
      order: query.order ?? 'desc',
      external: query.external === undefined ? undefined : query.external === 'true',
    });
  }

  post(workspaceId: string, id: string) {
    return postDetail(this.db, workspaceId, id);
  }

  async postVariants(workspaceId: string, postId: string) {
    if (!(await this.postFacts.exists(workspaceId, postId))) throw notFound('Post');
    return postVariants(this.db, workspaceId, postId);
  }

  async account(workspaceId: string, accountId: string, query: AnalyticsQueryDto) {
    const account = await this.accounts.get(workspaceId, accountId);
    const { range } = await this.scope(workspaceId, query);
    return accountAnalytics(this.db, workspaceId, account, range, (ids) => this.postFacts.labelsOf(workspaceId, ids));
  }

  async hashtags(workspaceId: string, query: HashtagsQueryDto) {
    return hashtagTable(this.db, await this.scope(workspaceId, query), this.labelled, {
      sort: query.sort ?? 'engagement',
      order: query.order ?? 'desc',
      limit: query.limit ?? 50,
    });
  }

  async bestTimeMap(workspaceId: string, query: BestTimesQueryDto) {
    if (query.account) await this.accounts.get(workspaceId, query.account);
    const timeZone = await this.workspaces.timeZoneOf(workspaceId);
    const map = await this.bestTimes.heatmap(
      workspaceId,
      { accountId: query.account, network: query.network },
      query.minPosts,
    );
    return { timeZone, basis: 'engagementRate' as const, ...map };
  }

  /** Replaces the account's queue slots with its `count` best times (through the scheduling context). */
  async bestTimesToQueue(workspaceId: string, accountId: string, count: number) {
    await this.accounts.get(workspaceId, accountId);
    const map = await this.bestTimes.heatmap(workspaceId, { accountId });
    if (!map.enoughData) throw new AnalyticsReadsError('NOT_ENOUGH_HISTORY', map.message ?? undefined);
    return { slots: await this.queueSlots.replace(workspaceId, accountId, slotsOf(map.best.slice(0, count))) };
  }

  async memberTable(workspaceId: string, query: AnalyticsQueryDto) {
    const scope = await this.scope(workspaceId, query);
    const { start, end } = instantsOf(scope.range, scope.range.timeZone);
    const [members, created] = await Promise.all([
      this.members.list(workspaceId),
      this.postFacts.createdByAuthor(workspaceId, start, end),
    ]);
    const items = await memberTable(this.db, scope, this.labelled, members, created);
    return { from: scope.range.from, to: scope.range.to, items };
  }

  async competitorTable(workspaceId: string, query: AnalyticsQueryDto) {
    const { range } = await this.scope(workspaceId, query);
    const accounts = (await this.accounts.live(workspaceId)).map((a) => ({
      id: a.id,
      name: a.name,
      network: a.network,
      handle: a.externalAccountId,
    }));
    return {
      from: range.from,
      to: range.to,
      items: await competitorRows(this.db, workspaceId, range),
      own: await ownRows(this.db, workspaceId, accounts, range),
    };
  }

  async competitor(workspaceId: string, id: string, query: AnalyticsQueryDto) {
    await this.competitors.get(workspaceId, id);
    const { range } = await this.scope(workspaceId, query);
    const row = (await competitorRows(this.db, workspaceId, range)).find((c) => c.id === id)!;
    return {
      from: range.from,
      to: range.to,
      competitor: row,
      series: await competitorSeries(this.db, workspaceId, id, range),
    };
  }
}
