import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { type AnalyticsQuery, queryParams } from '../analytics.api';

/** One of a hashtag's best posts in the period, by engagement. */
export interface HashtagTopPost {
  id: string;
  text: string;
  engagement: number | null;
}

/** A hashtag's figures over the period; any metric may be null (not provided by the networks). */
export interface HashtagRow {
  tag: string;
  posts: number;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  engagement: number | null;
  engagementRate: number | null;
  ctr: number | null;
  topPosts: HashtagTopPost[];
}

/** The columns the hashtags table sorts by. */
export type HashtagSort = 'posts' | 'impressions' | 'reach' | 'clicks' | 'engagement' | 'engagementRate' | 'ctr';

/** GET /api/v1/analytics/hashtags. */
@Injectable({ providedIn: 'root' })
export class HashtagsApi {
  private readonly http = inject(HttpClient);

  /** The best `limit` hashtags by `sort`, highest first (hashtags without the figure last). */
  list(query: AnalyticsQuery, sort: HashtagSort, limit: number): Promise<HashtagRow[]> {
    const params = queryParams(query).set('sort', sort).set('limit', limit);
    return firstValueFrom(this.http.get<{ items: HashtagRow[] }>('/api/v1/analytics/hashtags', { params })).then(
      (page) => page.items,
    );
  }
}
