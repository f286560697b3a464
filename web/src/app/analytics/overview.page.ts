import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BarChartModule, LegendPosition, LineChartModule } from '@swimlane/ngx-charts';
import { AccountsStore } from '../accounts/accounts.store';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import type { FigureStyle } from '../shared/format';
import { AnalyticsFilters } from './analytics-filters';
import { AnalyticsApi, type KpiName, type Overview, type OverviewDay } from './analytics.api';
import { comparedColumns, comparedLines, comparedRows, previousColors } from './compare-lines';
import { ChartFigureComponent, type FigureColumn } from './chart-figure.component';
import { CsvDownloadComponent } from './csv-download.component';
import { BAR_SCHEME, CHART_SCHEME, dayTick, figureTick, sparseTicks } from './chart-kit';
import { DemoHistoryComponent } from './demo-history.component';
import { KpiCardComponent } from './kpi-card.component';
import { METRIC_FORMULAS, METRIC_LABELS, networkName } from './metric-formulas';

interface KpiSpec {
  name: KpiName;
  style: FigureStyle;
  formula?: string;
}

const KPIS: KpiSpec[] = [
  { name: 'followers', style: 'count' },
  { name: 'followersGained', style: 'count' },
  { name: 'impressions', style: 'count' },
  { name: 'reach', style: 'count' },
  { name: 'engagement', style: 'count', formula: METRIC_FORMULAS.engagement },
  { name: 'engagementRate', style: 'percent', formula: METRIC_FORMULAS.engagementRate },
  { name: 'clicks', style: 'count' },
  { name: 'ctr', style: 'percent', formula: METRIC_FORMULAS.ctr },
  { name: 'postsPublished', style: 'count' },
];

const DAY_COLUMNS: FigureColumn[] = [
  { key: 'day', label: 'Day', style: 'day' },
  { key: 'followers', label: 'Followers' },
  { key: 'impressions', label: 'Impressions' },
  { key: 'reach', label: 'Reach' },
  { key: 'engagement', label: 'Engagement' },
  { key: 'engagementRate', label: 'Engagement rate', style: 'percent' },
  { key: 'postsPublished', label: 'Posts published' },
];

const FOLLOWERS = { key: 'followers', label: 'Followers' } as const;
const REACH_METRICS = [
  { key: 'impressions', label: 'Impressions' },
  { key: 'reach', label: 'Reach' },
  { key: 'engagement', label: 'Engagement' },
] as const satisfies ReadonlyArray<{ key: keyof OverviewDay; label: string }>;
/** The period at a glance: key figures against the previous period, and the daily lines behind them. */
@Component({
  selector: 'so-analytics-overview',
  imports: [
    CsvDownloadComponent,
    BannerComponent,
    BarChartModule,
    ChartFigureComponent,
    DemoHistoryComponent,
    KpiCardComponent,
    LineChartModule,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="error()" />
    @if (overview.isLoading() && !overview.hasValue()) {
      <p class="muted" role="status">Loading the overview…</p>
    }
    @if (overview.hasValue()) {
      @let o = overview.value();
      @if (empty()) {
        <so-analytics-empty />
      } @else {
        <section aria-labelledby="kpi-heading">
          <h2 id="kpi-heading" class="visually-hidden">Key figures</h2>
          <div class="kpi-grid">
            @for (k of kpis; track k.name) {
              <so-kpi-card
                [name]="k.name"
                [label]="label(k.name)"
                [figure]="o.totals[k.name]"
                [style]="k.style"
                [compare]="filters.compare()"
                [formula]="k.formula ?? null"
                [notProvidedBy]="notProvidedBy(o, k.name)"
                [note]="k.name === 'engagementRate' ? rateBasisNote() : null"
              />
            }
          </div>
          <details class="formulas">
            <summary>How these figures are counted</summary>
            <ul>
              <li>{{ formulas.engagement }}</li>
              <li>{{ formulas.engagementRate }}</li>
              <li>{{ formulas.ctr }}</li>
              <li>
                A figure a network does not provide is left out, never counted as 0. Days are days in {{ o.timeZone }}.
              </li>
            </ul>
          </details>
        </section>
        <so-csv-download path="overview" label="Download the daily figures as CSV" />
        <so-chart-figure heading="Followers" [columns]="dayColumns()" [rows]="dayRows()">
          <ngx-charts-line-chart
            [results]="followerLines()"
            [scheme]="scheme"
            [customColors]="previousColors"
            [xAxis]="true"
            [yAxis]="true"
            [autoScale]="true"
            [legend]="filters.compare()"
            [legendPosition]="legendBelow"
            legendTitle=""
            [xAxisTickFormatting]="dayTick()"
            [yAxisTickFormatting]="figureTick"
          />
        </so-chart-figure>
        <so-chart-figure heading="Impressions, reach and engagement" [columns]="dayColumns()" [rows]="dayRows()">
          <ngx-charts-line-chart
            [results]="reachLines()"
            [scheme]="scheme"
            [customColors]="previousColors"
            [xAxis]="true"
            [yAxis]="true"
            [legend]="true"
            [legendPosition]="legendBelow"
            legendTitle=""
            [xAxisTickFormatting]="dayTick()"
            [yAxisTickFormatting]="figureTick"
          />
        </so-chart-figure>
        <so-chart-figure heading="Posts published" [columns]="postColumns" [rows]="o.series">
          <ngx-charts-bar-vertical
            [barPadding]="2"
            [results]="postBars()"
            [scheme]="barScheme"
            [xAxis]="true"
            [yAxis]="true"
            [xAxisTicks]="postTicks()"
            [xAxisTickFormatting]="dayTick()"
          />
        </so-chart-figure>
      }
      @if (accounts.accounts()?.length) {
        <section class="card" aria-labelledby="by-account">
          <h2 id="by-account">By account</h2>
          <ul class="account-links">
            @for (a of accounts.accounts(); track a.id) {
              <li>
                <a [routerLink]="['../accounts', a.id]" queryParamsHandling="preserve">{{ a.name }}</a>
                <span class="muted small">{{ network(a.network) }}</span>
              </li>
            }
          </ul>
        </section>
      }
    }
  `,
  styles: `
    .kpi-grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
      gap: 0.75rem;
      margin: 0 0 0.75rem;
    }
    .formulas {
      margin: 0 0 1rem;
    }
    .account-links {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      list-style: none;
      padding: 0;
      margin: 0;
    }
  `,
})
export class OverviewPage {
  readonly filters = inject(AnalyticsFilters);
  readonly accounts = inject(AccountsStore);
  private readonly api = inject(AnalyticsApi);
  readonly kpis = KPIS;
  readonly formulas = METRIC_FORMULAS;
  readonly scheme = CHART_SCHEME;
  readonly barScheme = BAR_SCHEME;
  readonly legendBelow = LegendPosition.Below;
  readonly postColumns = [DAY_COLUMNS[0], DAY_COLUMNS[6]];
  readonly previousColors = previousColors(
    REACH_METRICS.map((m) => m.label),
    [FOLLOWERS.label],
  );
  readonly figureTick = figureTick;
  readonly network = networkName;

  readonly overview = resource({
    params: () => ({ query: this.filters.query(), version: this.filters.version() }),
    loader: ({ params }) => this.api.overview(params.query),
  });

  readonly error = computed(() => (this.overview.error() ? problemText(this.overview.error()) : null));
  readonly dayTick = computed(() => dayTick(this.filters.zone()));

  /** Nothing published and nothing measured in the period: the empty state says what to do. */
  readonly empty = computed(() => {
    const o = this.overview.value();
    if (!o) return false;
    return (
      !o.totals.postsPublished.value &&
      !o.totals.impressions.value &&
      !o.totals.engagement.value &&
      o.series.every((d) => !d.postsPublished && !d.engagement && !d.impressions)
    );
  });

  /** The previous period's days while compare-to-previous is on. */
  private readonly previousDays = computed(() =>
    this.filters.compare() ? (this.overview.value()?.previousSeries ?? null) : null,
  );

  /** The table beside the day charts: with the previous period's figures while comparing. */
  readonly dayColumns = computed(() => comparedColumns(DAY_COLUMNS, this.filters.compare()));
  readonly dayRows = computed(() => comparedRows(this.overview.value()?.series ?? [], this.previousDays()));

  readonly followerLines = computed(() =>
    comparedLines(this.overview.value()?.series ?? [], this.previousDays(), [FOLLOWERS], this.filters.zone()),
  );

  readonly reachLines = computed(() =>
    comparedLines(this.overview.value()?.series ?? [], this.previousDays(), REACH_METRICS, this.filters.zone()),
  );

  readonly postBars = computed(() =>
    (this.overview.value()?.series ?? []).map((d) => ({ name: d.day, value: d.postsPublished ?? 0 })),
  );

  readonly postTicks = computed(() => sparseTicks(this.postBars().map((b) => b.name)));

  /** Which basis the rate stands on: reach, and impressions for the networks that give no reach. */
  readonly rateBasisNote = computed(() => {
    const o = this.overview.value();
    const noReach = o ? this.notProvidedBy(o, 'reach') : [];
    return noReach.length
      ? `On reach; on impressions for ${noReach.map(networkName).join(', ')}`
      : 'Engagement ÷ reach';
  });

  constructor() {
    if (this.accounts.accounts() === null) void this.accounts.load();
  }

  label(name: string): string {
    return METRIC_LABELS[name] ?? name;
  }

  notProvidedBy(overview: Overview, metric: string): string[] {
    return overview.notProvided.find((n) => n.metric === metric)?.networks ?? [];
  }
}
