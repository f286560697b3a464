import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { NetworkId } from '../../core/api.types';
import { type AnalyticsQuery, queryParams } from '../analytics.api';

/** A tracked public account, or one of the workspace's own, with its figures over the period. */
export interface CompetitorRow {
  id: string;
  kind: 'competitor' | 'own';
  network: NetworkId;
  handle: string;
  name: string;
  followers: number | null;
  followersGained: number | null;
  postsPerWeek: number;
  /** Engagement per post per follower × 100 (the rate public figures allow). */
  engagementRate: number | null;
  /** Posts of the period by post type: { photo: 4, video: 1 }. */
  mix: Record<string, number>;
  /** Why its figures could not be read lately, if they could not. */
  unavailableReason: string | null;
}

export interface CompetitorTable {
  items: CompetitorRow[];
  own: CompetitorRow[];
}

export interface CompetitorDay {
  day: string;
  followers: number | null;
  postsPublished: number;
  engagementRate: number | null;
}

export interface CompetitorDetail {
  competitor: CompetitorRow;
  series: CompetitorDay[];
}

const BASE = '/api/v1/analytics/competitors';

/** /api/v1/analytics/competitors: the comparison table, each competitor's days, add and remove. */
@Injectable({ providedIn: 'root' })
export class CompetitorsApi {
  private readonly http = inject(HttpClient);

  table(query: AnalyticsQuery): Promise<CompetitorTable> {
    return firstValueFrom(this.http.get<CompetitorTable>(BASE, { params: queryParams(query) }));
  }

  detail(id: string, query: AnalyticsQuery): Promise<CompetitorDetail> {
    return firstValueFrom(
      this.http.get<CompetitorDetail>(`${BASE}/${encodeURIComponent(id)}`, { params: queryParams(query) }),
    );
  }

  /** Looks the handle up on the network and starts tracking it; rejects with field errors (network, handle). */
  add(network: NetworkId, handle: string): Promise<CompetitorDetail> {
    return firstValueFrom(this.http.post<CompetitorDetail>(BASE, { network, handle }));
  }

  /** Stops tracking; its history goes with it. */
  remove(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`${BASE}/${encodeURIComponent(id)}`));
  }
}
