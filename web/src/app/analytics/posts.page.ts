import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { type FigureStyle, FigurePipe, WhenPipe } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import { NetworkLogoComponent } from '../shared/network-logo.component';
import { AnalyticsFilters } from './analytics-filters';
import { type AnalyticsPost, type PostMetricValues, type PostSort } from './analytics.api';
import { CsvDownloadComponent } from './csv-download.component';
import { DemoHistoryComponent } from './demo-history.component';
import { METRIC_FORMULAS, METRIC_LABELS, notProvidedText } from './metric-formulas';
import { AnalyticsPostsStore } from './posts.store';

type MetricKey = Exclude<keyof PostMetricValues, 'reactionsByType'>;

const COLUMNS: Array<{ key: MetricKey; style: FigureStyle; formula?: string }> = [
  { key: 'impressions', style: 'count' },
  { key: 'reach', style: 'count' },
  { key: 'clicks', style: 'count' },
  { key: 'reactions', style: 'count' },
  { key: 'comments', style: 'count' },
  { key: 'shares', style: 'count' },
  { key: 'saves', style: 'count' },
  { key: 'videoViews', style: 'count' },
  { key: 'engagement', style: 'count', formula: METRIC_FORMULAS.engagement },
  { key: 'engagementRate', style: 'percent', formula: METRIC_FORMULAS.engagementRate },
  { key: 'ctr', style: 'percent', formula: METRIC_FORMULAS.ctr },
];

/** Every published post of the period with its latest figures; sorted by any metric on the server. */
@Component({
  selector: 'so-analytics-posts',
  imports: [
    BannerComponent,
    CsvDownloadComponent,
    DemoHistoryComponent,
    FigurePipe,
    IconComponent,
    NetworkLogoComponent,
    RouterLink,
    WhenPipe,
  ],
  providers: [AnalyticsPostsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <p class="muted small">
        Latest figures of each post published in the period, ours and those published on the network directly (marked
        external). Choose a column's heading to sort by it.
      </p>
      <so-csv-download path="posts" label="Download posts as CSV" />
    </div>
    <so-banner [message]="store.error()" />
    @if (store.items(); as posts) {
      @if (posts.length) {
        <div class="table-scroll card">
          <table class="analytics-posts" data-testid="analytics-posts">
            <caption class="visually-hidden">
              Posts with their metrics, sorted by
              {{
                label(store.sort().by)
              }}
              ({{
                store.sort().order === 'desc' ? 'highest first' : 'lowest first'
              }})
            </caption>
            <thead>
              <tr>
                <th scope="col">Post</th>
                <th scope="col" [attr.aria-sort]="ariaSort('publishedAt')">
                  <button type="button" class="link" (click)="store.sortBy('publishedAt')">
                    Published
                    @if (store.sort().by === 'publishedAt') {
                      <so-icon [name]="store.sort().order === 'desc' ? 'arrow-down' : 'arrow-up'" [size]="12" />
                    }
                  </button>
                </th>
                @for (c of columns; track c.key) {
                  <th scope="col" class="num" [attr.aria-sort]="ariaSort(c.key)" [attr.title]="c.formula ?? null">
                    <button type="button" class="link" (click)="store.sortBy(c.key)" [attr.data-sort]="c.key">
                      {{ label(c.key) }}
                      @if (store.sort().by === c.key) {
                        <so-icon [name]="store.sort().order === 'desc' ? 'arrow-down' : 'arrow-up'" [size]="12" />
                      }
                    </button>
                  </th>
                }
              </tr>
            </thead>
            <tbody>
              @for (p of posts; track p.id) {
                <tr [attr.data-post]="p.id">
                  <th scope="row" class="post-cell">
                    <so-network-logo [network]="p.network" [size]="14" />
                    @if (p.postId) {
                      <a [routerLink]="['/w', workspaceId(), 'posts', p.postId]">{{ excerpt(p) }}</a>
                    } @else if (p.url) {
                      <a [href]="p.url" target="_blank" rel="noopener">{{ excerpt(p) }}</a>
                    } @else {
                      {{ excerpt(p) }}
                    }
                    @if (p.external) {
                      <span class="tag">External</span>
                    }
                  </th>
                  <td>{{ p.publishedAt | when }}</td>
                  @for (c of columns; track c.key) {
                    @if (p.metrics[c.key] === null) {
                      <td class="num muted" [attr.title]="missing(p, c.key)">
                        —<span class="visually-hidden">{{ missing(p, c.key) }}</span>
                      </td>
                    } @else {
                      <td class="num">{{ p.metrics[c.key] | figure: c.style }}</td>
                    }
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (store.hasMore()) {
          <button type="button" (click)="store.loadMore()" [disabled]="store.loading()">
            {{ store.loading() ? 'Loading…' : 'Load more' }}
          </button>
        }
      } @else if (!store.error()) {
        <so-analytics-empty heading="No published posts in this period." />
      }
    } @else {
      <p class="muted" role="status">Loading posts…</p>
    }
  `,
  styles: `
    .toolbar {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
    }
    .analytics-posts .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .analytics-posts th button.link {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
      font-weight: 600;
    }
    .post-cell {
      font-weight: 400;
      text-align: left;
      min-width: 16rem;
      max-width: 28rem;
    }
  `,
})
export class PostsPage {
  readonly store = inject(AnalyticsPostsStore);
  private readonly filters = inject(AnalyticsFilters);
  private readonly workspaces = inject(WorkspaceService);
  readonly columns = COLUMNS;
  readonly workspaceId = computed(() => this.workspaces.currentId() ?? '');

  constructor() {
    effect(() => {
      const query = this.filters.query();
      this.filters.version();
      untracked(() => void this.store.show(query));
    });
  }

  label(key: string): string {
    return METRIC_LABELS[key] ?? key;
  }

  excerpt(post: AnalyticsPost): string {
    const text = post.text.trim() || '(no text)';
    return text.length > 90 ? `${text.slice(0, 89)}…` : text;
  }

  missing(post: AnalyticsPost, metric: string): string {
    return post.notProvided.includes(metric) ? notProvidedText([post.network]) : 'Not measured yet';
  }

  ariaSort(key: PostSort): 'ascending' | 'descending' | null {
    const sort = this.store.sort();
    if (sort.by !== key) return null;
    return sort.order === 'desc' ? 'descending' : 'ascending';
  }
}
