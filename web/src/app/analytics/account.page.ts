import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { BarChartModule, LegendPosition, LineChartModule } from '@swimlane/ngx-charts';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { FigurePipe } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import { NetworkLogoComponent } from '../shared/network-logo.component';
import { AccountSyncComponent } from './account-sync.component';
import { AnalyticsFilters } from './analytics-filters';
import { AnalyticsApi, type AccountDay, type MixRow } from './analytics.api';
import { comparedColumns, comparedLines, comparedRows, previousColors } from './compare-lines';
import { ChartFigureComponent, type FigureColumn } from './chart-figure.component';
import { CsvDownloadComponent } from './csv-download.component';
import { BAR_SCHEME, CHART_SCHEME, dayTick, figureTick, sparseTicks } from './chart-kit';
import { DemoHistoryComponent } from './demo-history.component';
import { METRIC_FORMULAS, networkName } from './metric-formulas';

const GROWTH_COLUMNS: FigureColumn[] = [
  { key: 'day', label: 'Day', style: 'day' },
  { key: 'followers', label: 'Followers' },
  { key: 'following', label: 'Following' },
];

const ENGAGEMENT_COLUMNS: FigureColumn[] = [
  { key: 'day', label: 'Day', style: 'day' },
  { key: 'impressions', label: 'Impressions' },
  { key: 'reach', label: 'Reach' },
  { key: 'engagement', label: 'Engagement' },
  { key: 'engagementRate', label: 'Engagement rate', style: 'percent' },
];

const GROWTH_METRICS = [
  { key: 'followers', label: 'Followers' },
  { key: 'following', label: 'Following' },
] as const satisfies ReadonlyArray<{ key: keyof AccountDay; label: string }>;

const ENGAGEMENT_METRICS = [
  { key: 'impressions', label: 'Impressions' },
  { key: 'reach', label: 'Reach' },
  { key: 'engagement', label: 'Engagement' },
] as const satisfies ReadonlyArray<{ key: keyof AccountDay; label: string }>;

const FREQUENCY_COLUMNS: FigureColumn[] = [
  { key: 'weekStart', label: 'Week of', style: 'day' },
  { key: 'posts', label: 'Posts published' },
];

const MIX_COLUMNS: FigureColumn[] = [
  { key: 'label', label: 'Kind', style: 'text' },
  { key: 'posts', label: 'Posts' },
  { key: 'engagement', label: 'Engagement' },
  { key: 'engagementRate', label: 'Engagement rate', style: 'percent' },
];

/** One account over the period: growth, engagement, how often it posts and what it posts. */
@Component({
  selector: 'so-analytics-account',
  imports: [
    AccountSyncComponent,
    BannerComponent,
    BarChartModule,
    ChartFigureComponent,
    CsvDownloadComponent,
    DemoHistoryComponent,
    FigurePipe,
    IconComponent,
    LineChartModule,
    NetworkLogoComponent,
    NgTemplateOutlet,
    RouterLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="error()" />
    @if (data.hasValue()) {
      @let a = data.value();
      <div class="page-head account-head">
        <h2><so-network-logo [network]="a.account.network" /> {{ a.account.name }}</h2>
        <so-account-sync [accountId]="a.account.id" />
        <so-csv-download [path]="'accounts/' + a.account.id" label="Download this account's days as CSV" />
      </div>
      @if (a.unavailableReason) {
        <div class="banner" role="alert" data-testid="metrics-unavailable">
          <p><so-icon name="warning" /> <strong>Metrics unavailable:</strong> {{ a.unavailableReason }}</p>
          <p>
            To fix it, reconnect this account from
            <a [routerLink]="['/w', workspaceId(), 'accounts']">Social accounts</a> and allow reading its insights when
            {{ network(a.account.network) }} asks. Posts keep publishing meanwhile; their figures appear at the next
            read after reconnecting.
          </p>
        </div>
      }
      @if (empty()) {
        <so-analytics-empty heading="No analytics for this account in this period yet." />
      } @else {
        <so-chart-figure heading="Audience growth" [columns]="growthColumns()" [rows]="dayRows()">
          <ngx-charts-line-chart
            [results]="growthLines()"
            [scheme]="scheme"
            [customColors]="previousColors"
            [xAxis]="true"
            [yAxis]="true"
            [autoScale]="true"
            [legend]="true"
            [legendPosition]="legendBelow"
            legendTitle=""
            [xAxisTickFormatting]="dayTick()"
            [yAxisTickFormatting]="figureTick"
          />
        </so-chart-figure>
        <so-chart-figure
          heading="Impressions, reach and engagement"
          [description]="formulas.engagement"
          [columns]="engagementColumns()"
          [rows]="dayRows()"
        >
          <ngx-charts-line-chart
            [results]="engagementLines()"
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
        <so-chart-figure heading="Posting frequency (posts per week)" [columns]="frequencyColumns" [rows]="a.frequency">
          <ngx-charts-bar-vertical
            [barPadding]="2"
            [results]="frequencyBars()"
            [scheme]="barScheme"
            [xAxis]="true"
            [yAxis]="true"
            [xAxisTicks]="frequencyTicks()"
            [xAxisTickFormatting]="dayTick()"
          />
        </so-chart-figure>
        <so-chart-figure heading="Content mix by post type" [columns]="mixColumns" [rows]="a.mix.byPostType">
          <ngx-charts-bar-horizontal [results]="mixBars()" [scheme]="barScheme" [xAxis]="true" [yAxis]="true" />
        </so-chart-figure>
        <div class="grid-2">
          <section class="card">
            <h2>Mix by network</h2>
            <ng-container *ngTemplateOutlet="mixTable; context: { rows: a.mix.byNetwork }" />
          </section>
          <section class="card">
            <h2>Mix by label</h2>
            <ng-container *ngTemplateOutlet="mixTable; context: { rows: a.mix.byLabel }" />
          </section>
        </div>
      }
    } @else if (data.isLoading()) {
      <p class="muted" role="status">Loading the account's analytics…</p>
    }
    <ng-template #mixTable let-rows="rows">
      @if (asMix(rows).length) {
        <table>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col" class="num">Posts</th>
              <th scope="col" class="num">Engagement</th>
              <th scope="col" class="num" [attr.title]="formulas.engagementRate">Engagement rate</th>
            </tr>
          </thead>
          <tbody>
            @for (r of asMix(rows); track r.key) {
              <tr>
                <th scope="row">{{ r.label }}</th>
                <td class="num">{{ r.posts | figure }}</td>
                <td class="num">{{ r.engagement | figure }}</td>
                <td class="num">{{ r.engagementRate | figure: 'percent' }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p class="muted small">Nothing published in this period.</p>
      }
    </ng-template>
  `,
  styles: `
    .account-head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.75rem;
    }
    .account-head h2 {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      margin: 0;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class AccountPage {
  private readonly api = inject(AnalyticsApi);
  private readonly filters = inject(AnalyticsFilters);
  private readonly workspaces = inject(WorkspaceService);
  /** From the route (accounts/:accountId). */
  readonly accountId = input.required<string>();
  readonly scheme = CHART_SCHEME;
  readonly barScheme = BAR_SCHEME;
  readonly legendBelow = LegendPosition.Below;
  readonly formulas = METRIC_FORMULAS;
  readonly growthColumns = computed(() => comparedColumns(GROWTH_COLUMNS, this.filters.compare()));
  readonly engagementColumns = computed(() => comparedColumns(ENGAGEMENT_COLUMNS, this.filters.compare()));
  readonly previousColors = previousColors(
    GROWTH_METRICS.map((m) => m.label),
    ENGAGEMENT_METRICS.map((m) => m.label),
  );
  readonly frequencyColumns = FREQUENCY_COLUMNS;
  readonly mixColumns = MIX_COLUMNS;
  readonly figureTick = figureTick;
  readonly network = networkName;
  readonly workspaceId = computed(() => this.workspaces.currentId() ?? '');
  readonly dayTick = computed(() => dayTick(this.filters.zone()));

  readonly data = resource({
    params: () => ({ id: this.accountId(), query: this.filters.query(), version: this.filters.version() }),
    loader: ({ params }) => this.api.account(params.id, params.query),
  });

  readonly error = computed(() => (this.data.error() ? problemText(this.data.error()) : null));

  readonly empty = computed(() => {
    const a = this.data.value();
    return !!a && a.series.every((d) => d.followers === null && !d.engagement && !d.impressions && !d.postsPublished);
  });

  /** The previous period's days while compare-to-previous is on. */
  private readonly previousDays = computed(() =>
    this.filters.compare() ? (this.data.value()?.previousSeries ?? null) : null,
  );
  readonly dayRows = computed(() => comparedRows(this.data.value()?.series ?? [], this.previousDays()));

  readonly growthLines = computed(() =>
    comparedLines(this.data.value()?.series ?? [], this.previousDays(), GROWTH_METRICS, this.filters.zone()),
  );

  readonly engagementLines = computed(() =>
    comparedLines(this.data.value()?.series ?? [], this.previousDays(), ENGAGEMENT_METRICS, this.filters.zone()),
  );

  readonly frequencyBars = computed(() =>
    (this.data.value()?.frequency ?? []).map((w) => ({ name: w.weekStart, value: w.posts })),
  );
  readonly frequencyTicks = computed(() => sparseTicks(this.frequencyBars().map((b) => b.name)));

  readonly mixBars = computed(() =>
    (this.data.value()?.mix.byPostType ?? []).map((m) => ({ name: m.label, value: m.posts })),
  );

  asMix(rows: unknown): MixRow[] {
    return rows as MixRow[];
  }
}
