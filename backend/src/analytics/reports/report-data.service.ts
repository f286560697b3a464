import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../accounts/accounts.service';
import type { NetworkId } from '../../connectors/network-limits';
import { WorkspacesService } from '../../workspaces/workspaces.service';
import type { AnalyticsQueryDto } from '../analytics-reads/analytics-query.dto';
import { AnalyticsReads } from '../analytics-reads/analytics-reads.service';
import type { ReadRange } from '../analytics-reads/date-range';
import type { KpiUnit, ReportData, ReportKpi } from './report-data';

/** What a report covers: resolved local days and the optional filters. */
export interface ReportRequest {
  from: string;
  to: string;
  accounts?: string[];
  networks?: NetworkId[];
}

/** How many rows the report's tables show. */
const TOP_POSTS = 10;
const TOP_HASHTAGS = 10;

type Totals = Awaited<ReturnType<AnalyticsReads['overview']>>['totals'];

/** The KPI cards in the order the dashboard shows them. */
const KPIS: Array<{ key: keyof Totals; label: string; unit: KpiUnit }> = [
  { key: 'followers', label: 'Followers', unit: 'count' },
  { key: 'followersGained', label: 'Followers gained', unit: 'count' },
  { key: 'postsPublished', label: 'Posts published', unit: 'count' },
  { key: 'impressions', label: 'Impressions', unit: 'count' },
  { key: 'reach', label: 'Reach', unit: 'count' },
  { key: 'engagement', label: 'Engagement', unit: 'count' },
  { key: 'engagementRate', label: 'Engagement rate', unit: 'percent' },
  { key: 'clicks', label: 'Link clicks', unit: 'count' },
  { key: 'ctr', label: 'Click-through rate', unit: 'percent' },
];

/** Gathers a report's figures through the analytics reads (the same numbers the dashboard shows). */
@Injectable()
export class ReportDataService {
  constructor(
    private readonly reads: AnalyticsReads,
    private readonly workspaces: WorkspacesService,
    private readonly accounts: AccountsService,
  ) {}

  /** The days a request covers once defaults are applied; a bad range is a 400 naming the field. */
  async resolve(workspaceId: string, query: Partial<ReportRequest>): Promise<ReadRange> {
    return (await this.reads.scope(workspaceId, query as AnalyticsQueryDto)).range;
  }

  async gather(workspaceId: string, request: ReportRequest, generatedAt: Date): Promise<ReportData> {
    const query = request as AnalyticsQueryDto;
    const [overview, posts, hashtags, bestTimes, workspaceName, accounts] = await Promise.all([
      this.reads.overview(workspaceId, query),
      this.reads.posts(workspaceId, { ...query, sort: 'engagement', order: 'desc', limit: TOP_POSTS }),
      this.reads.hashtags(workspaceId, { ...query, sort: 'engagement', limit: TOP_HASHTAGS }),
      this.reads.bestTimeMap(workspaceId, bestTimeScope(request)),
      this.workspaces.nameOf(workspaceId),
      this.accounts.list(workspaceId),
    ]);
    const named = new Map(accounts.map((a) => [a.id, a.name]));
    return {
      workspaceName,
      timeZone: overview.timeZone,
      period: { from: overview.from, to: overview.to },
      previous: overview.previous,
      generatedAt,
      scope: {
        accounts: (request.accounts ?? []).map((id) => named.get(id) ?? 'an account no longer connected'),
        networks: request.networks ?? [],
      },
      kpis: KPIS.map(({ key, label, unit }): ReportKpi => ({ label, unit, ...overview.totals[key] })),
      series: overview.series,
      topPosts: posts.items.map((p) => ({
        text: p.text,
        network: p.network,
        publishedAt: new Date(p.publishedAt),
        impressions: p.metrics.impressions,
        engagement: p.metrics.engagement,
        engagementRate: p.metrics.engagementRate,
      })),
      hashtags: hashtags.items,
      bestTimes,
      notProvided: overview.notProvided,
    };
  }
}

/** The heatmap of the one account or network a report is limited to, else of the whole workspace. */
function bestTimeScope(request: ReportRequest): { account?: string; network?: NetworkId } {
  if (request.accounts?.length === 1) return { account: request.accounts[0] };
  if (!request.accounts?.length && request.networks?.length === 1) return { network: request.networks[0] };
  return {};
}
