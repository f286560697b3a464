import { inject, Injectable, signal } from '@angular/core';
import type { Page } from '../core/api.types';
import { KeysetStore } from '../core/keyset-store';
import { AnalyticsApi, type AnalyticsPost, type AnalyticsQuery, type PostSort } from './analytics.api';

/** The posts table: published posts of the period, sorted by one metric, page by page. Provided by its page. */
@Injectable()
export class AnalyticsPostsStore extends KeysetStore<AnalyticsPost> {
  private readonly api = inject(AnalyticsApi);
  private readonly _sort = signal<{ by: PostSort; order: 'asc' | 'desc' }>({ by: 'publishedAt', order: 'desc' });
  private query: AnalyticsQuery | null = null;

  readonly sort = this._sort.asReadonly();

  /** Starts over with other filters. */
  show(query: AnalyticsQuery): Promise<void> {
    this.query = query;
    return this.loadFirst();
  }

  /** Sorts by a metric, highest first; the same metric again flips the order. */
  sortBy(by: PostSort): Promise<void> {
    const current = this._sort();
    this._sort.set({ by, order: current.by === by && current.order === 'desc' ? 'asc' : 'desc' });
    return this.loadFirst();
  }

  protected fetchPage(cursor: string | null): Promise<Page<AnalyticsPost>> {
    if (!this.query) return Promise.resolve({ items: [], nextCursor: null });
    const { by, order } = this._sort();
    return this.api.posts(this.query, by, order, cursor);
  }
}
