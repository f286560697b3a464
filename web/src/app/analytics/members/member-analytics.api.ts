import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { type AnalyticsQuery, queryParams } from '../analytics.api';

/** One author's posting in the period: posts they created, how many went out, and how those did. */
export interface MemberAnalyticsRow {
  memberId: string;
  name: string;
  postsCreated: number;
  postsPublished: number;
  /** Mean engagement rate of their published posts; null when none has one. */
  averageEngagementRate: number | null;
}

/** GET /api/v1/analytics/members. */
@Injectable({ providedIn: 'root' })
export class MemberAnalyticsApi {
  private readonly http = inject(HttpClient);

  list(query: AnalyticsQuery): Promise<MemberAnalyticsRow[]> {
    return firstValueFrom(
      this.http.get<{ items: MemberAnalyticsRow[] }>('/api/v1/analytics/members', { params: queryParams(query) }),
    ).then((page) => page.items);
  }
}
