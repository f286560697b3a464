import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BarChartModule } from '@swimlane/ngx-charts';
import { BannerComponent } from '../../shared/banner.component';
import { AnalyticsFilters } from '../analytics-filters';
import { ChartFigureComponent, type FigureColumn } from '../chart-figure.component';
import { CHART_SCHEME, figureTick } from '../chart-kit';
import { CsvDownloadComponent } from '../csv-download.component';
import { HashtagsStore } from './hashtags.store';
import { HashtagsTableComponent } from './hashtags-table.component';

const CHART_COLUMNS: FigureColumn[] = [
  { key: 'tag', label: 'Hashtag', style: 'text' },
  { key: 'engagement', label: 'Engagement', style: 'count' },
  { key: 'posts', label: 'Posts', style: 'count' },
  { key: 'engagementRate', label: 'Engagement rate', style: 'percent' },
];

/** Hashtags of the period: the ten best by engagement as a chart, and all of them as a sortable table. */
@Component({
  selector: 'so-hashtags-page',
  imports: [
    RouterLink,
    BarChartModule,
    BannerComponent,
    ChartFigureComponent,
    CsvDownloadComponent,
    HashtagsTableComponent,
  ],
  providers: [HashtagsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="store.error()" />
    @if (store.rows() === null) {
      @if (!store.error()) {
        <p class="muted" role="status">Loading hashtags…</p>
      }
    } @else if (store.rows()!.length === 0) {
      <div class="empty-state card">
        <h2>No hashtags in this period</h2>
        <p>
          Hashtags show here once posts that use them are published and their metrics come in. Choose a longer period
          above, or load demo history from the <a routerLink="../overview" queryParamsHandling="preserve">overview</a>
          to see how it looks.
        </p>
      </div>
    } @else {
      <so-chart-figure
        heading="Top 10 hashtags by engagement"
        description="Engagement of the posts that used each hashtag in the period."
        [columns]="chartColumns"
        [rows]="chartRows()"
      >
        <ngx-charts-bar-horizontal
          [results]="chartData()"
          [xAxis]="true"
          [yAxis]="true"
          [showDataLabel]="true"
          [tooltipDisabled]="true"
          [roundDomains]="true"
          [scheme]="scheme"
          [xAxisTickFormatting]="figureTick"
        />
      </so-chart-figure>
      <section class="card" aria-labelledby="hashtags-heading">
        <div class="section-head">
          <h2 id="hashtags-heading">Every hashtag</h2>
          <so-csv-download path="hashtags" label="Download hashtags as CSV" />
        </div>
        <so-hashtags-table />
      </section>
    }
  `,
  styles: `
    .section-head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
      flex-wrap: wrap;
    }
  `,
})
export class HashtagsPage {
  private readonly filters = inject(AnalyticsFilters);
  readonly store = inject(HashtagsStore);
  readonly chartColumns = CHART_COLUMNS;
  readonly scheme = CHART_SCHEME;
  readonly figureTick = figureTick;
  readonly chartRows = computed(() => this.store.top().map((h) => ({ ...h, tag: `#${h.tag}` })));
  /** A hashtag whose networks give no engagement has no bar (null is not 0). */
  readonly chartData = computed(() =>
    this.store
      .top()
      .filter((h) => h.engagement !== null)
      .map((h) => ({ name: `#${h.tag}`, value: h.engagement as number })),
  );

  constructor() {
    // Read again when the filters, the sorting column or the data behind the section change.
    effect(() => {
      const query = this.filters.query();
      this.filters.version();
      this.store.column();
      untracked(() => void this.store.load(query));
    });
  }
}
