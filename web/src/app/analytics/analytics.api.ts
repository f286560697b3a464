import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { NetworkId, QueueSlot } from '../core/api.types';

/**
 * The analytics read API (/api/v1/analytics) as typed calls. Every metric may be null: a null is a
 * figure the network does not provide, never a zero.
 */

/** The filters every analytics read shares; days are YYYY-MM-DD in the workspace's zone, inclusive. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  accounts: string[];
  networks: string[];
  labels?: string[];
}

export interface KpiFigure {
  value: number | null;
  previous: number | null;
  changePercent: number | null;
}

export type KpiName =
  | 'followers'
  | 'followersGained'
  | 'impressions'
  | 'reach'
  | 'engagement'
  | 'engagementRate'
  | 'clicks'
  | 'ctr'
  | 'postsPublished';

export interface OverviewDay {
  day: string;
  followers: number | null;
  impressions: number | null;
  reach: number | null;
  engagement: number | null;
  engagementRate: number | null;
  postsPublished: number | null;
}

export interface Overview {
  from: string;
  to: string;
  previous: { from: string; to: string };
  timeZone: string;
  totals: Record<KpiName, KpiFigure>;
  series: OverviewDay[];
  /** The previous period's days: the nth beside the nth day of series. */
  previousSeries: OverviewDay[];
  notProvided: Array<{ metric: string; networks: string[] }>;
}

export interface PostMetricValues {
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  reactions: number | null;
  reactionsByType: Record<string, number> | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  videoViews: number | null;
  engagement: number | null;
  engagementRate: number | null;
  ctr: number | null;
}

export type RateBasis = 'reach' | 'impressions';

export interface AnalyticsPost {
  id: string;
  postId: string | null;
  variantId: string | null;
  accountId: string;
  network: NetworkId;
  external: boolean;
  text: string;
  url: string | null;
  publishedAt: string;
  postType: string;
  metrics: PostMetricValues;
  rateBasis: RateBasis | null;
  notProvided: string[];
}

/** The metrics the posts table can sort by, besides publishedAt. */
export type PostSort = Exclude<keyof PostMetricValues, 'reactionsByType'> | 'publishedAt';

export interface PostsPage {
  items: AnalyticsPost[];
  nextCursor: string | null;
}

export type PostSnapshot = { takenAt: string } & Omit<PostMetricValues, 'reactionsByType'>;

export interface PostHistory {
  post: AnalyticsPost;
  series: PostSnapshot[];
}

export interface MixRow {
  key: string;
  label: string;
  posts: number;
  engagement: number | null;
  engagementRate: number | null;
}

export interface AccountDay {
  day: string;
  followers: number | null;
  following: number | null;
  impressions: number | null;
  reach: number | null;
  engagement: number | null;
  engagementRate: number | null;
  postsPublished: number | null;
}

export interface AccountAnalytics {
  account: { id: string; name: string; network: NetworkId };
  unavailableReason: string | null;
  series: AccountDay[];
  /** The previous period's days: the nth beside the nth day of series. */
  previousSeries: AccountDay[];
  frequency: Array<{ weekStart: string; posts: number }>;
  mix: { byPostType: MixRow[]; byNetwork: MixRow[]; byLabel: MixRow[] };
}

export interface BestTimeCell {
  weekday: number;
  hour: number;
  posts: number;
  value: number | null;
}

export interface BestTimes {
  timeZone: string;
  basis: 'engagementRate';
  minPosts: number;
  enoughData: boolean;
  message: string | null;
  cells: BestTimeCell[];
  best: Array<{ weekday: number; hour: number }>;
}

/** A queued background job, read through /api/v1/jobs/:id. */
export interface AnalyticsJob {
  id: string;
  type: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** 0–100 */
  progress: number;
  result: Record<string, unknown> | null;
  error: string | null;
}

/** What the other pages of the section read (hashtags, members, competitors, reports) lives with them. */
@Injectable({ providedIn: 'root' })
export class AnalyticsApi {
  private readonly http = inject(HttpClient);

  overview(query: AnalyticsQuery): Promise<Overview> {
    return this.get<Overview>('overview', queryParams(query));
  }

  posts(query: AnalyticsQuery, sort: PostSort, order: 'asc' | 'desc', cursor: string | null): Promise<PostsPage> {
    let params = queryParams(query).set('sort', sort).set('order', order).set('limit', 50);
    if (cursor) params = params.set('cursor', cursor);
    return this.get<PostsPage>('posts', params);
  }

  post(id: string): Promise<PostHistory> {
    return this.get<PostHistory>(`posts/${encodeURIComponent(id)}`);
  }

  /** Each published variant of one post of ours, with its metrics over time. */
  postVariants(postId: string): Promise<{ variants: PostHistory[] }> {
    return this.get<{ variants: PostHistory[] }>(`posts/by-post/${encodeURIComponent(postId)}`);
  }

  account(id: string, query: AnalyticsQuery): Promise<AccountAnalytics> {
    return this.get<AccountAnalytics>(`accounts/${encodeURIComponent(id)}`, queryParams(query));
  }

  bestTimes(scope: { account: string } | { network: string }): Promise<BestTimes> {
    const params =
      'account' in scope
        ? new HttpParams().set('account', scope.account)
        : new HttpParams().set('network', scope.network);
    return this.get<BestTimes>('best-times', params);
  }

  /** Replaces the account's queue slots with its best times; answers the new slots. */
  async useBestTimesAsSlots(accountId: string, count: number): Promise<QueueSlot[]> {
    const answer = await firstValueFrom(
      this.http.post<{ slots: QueueSlot[] } | QueueSlot[]>('/api/v1/analytics/best-times/queue-slots', {
        accountId,
        count,
      }),
    );
    return Array.isArray(answer) ? answer : answer.slots;
  }

  /** Starts a metrics read for one account now; refused (429, Retry-After) during its cooldown. */
  syncAccount(accountId: string): Promise<{ job_id: string }> {
    return firstValueFrom(
      this.http.post<{ job_id: string }>(`/api/v1/accounts/${encodeURIComponent(accountId)}/metrics-sync`, {}),
    );
  }

  loadDemoHistory(): Promise<{ job_id: string }> {
    return firstValueFrom(this.http.post<{ job_id: string }>('/api/v1/analytics/demo-history', {}));
  }

  job(id: string): Promise<AnalyticsJob> {
    return firstValueFrom(this.http.get<AnalyticsJob>(`/api/v1/jobs/${encodeURIComponent(id)}`));
  }

  /** A table read as CSV (any read above with ?format=csv), for a download link. */
  csv(path: string, query: AnalyticsQuery): Promise<Blob> {
    return firstValueFrom(
      this.http.get(`/api/v1/analytics/${path}`, {
        params: queryParams(query).set('format', 'csv'),
        responseType: 'blob',
      }),
    );
  }

  private get<T>(path: string, params?: HttpParams): Promise<T> {
    return firstValueFrom(this.http.get<T>(`/api/v1/analytics/${path}`, { params }));
  }
}

/** The shared filters as query parameters; empty lists are left out (all accounts, all networks). */
export function queryParams(query: AnalyticsQuery): HttpParams {
  let params = new HttpParams().set('from', query.from).set('to', query.to);
  if (query.accounts.length) params = params.set('accounts', query.accounts.join(','));
  if (query.networks.length) params = params.set('networks', query.networks.join(','));
  if (query.labels?.length) params = params.set('labels', query.labels.join(','));
  return params;
}
