import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { LegendPosition, LineChartModule } from '@swimlane/ngx-charts';
import { DateTime } from 'luxon';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { type FigureStyle, FigurePipe, formatWhen } from '../shared/format';
import { NetworkLogoComponent } from '../shared/network-logo.component';
import { AnalyticsApi, type PostHistory, type PostSnapshot } from './analytics.api';
import { ChartFigureComponent, type FigureColumn } from './chart-figure.component';
import { CHART_SCHEME, figureTick, type LineSeries } from './chart-kit';
import { METRIC_FORMULAS, METRIC_LABELS, networkName, notProvidedText } from './metric-formulas';

type SnapshotMetric = Exclude<keyof PostSnapshot, 'takenAt'>;

const FIGURES: Array<{ key: SnapshotMetric; style: FigureStyle; formula?: string }> = [
  { key: 'impressions', style: 'count' },
  { key: 'reach', style: 'count' },
  { key: 'engagement', style: 'count', formula: METRIC_FORMULAS.engagement },
  { key: 'engagementRate', style: 'percent', formula: METRIC_FORMULAS.engagementRate },
  { key: 'clicks', style: 'count' },
  { key: 'ctr', style: 'percent', formula: METRIC_FORMULAS.ctr },
  { key: 'reactions', style: 'count' },
  { key: 'comments', style: 'count' },
  { key: 'shares', style: 'count' },
  { key: 'saves', style: 'count' },
  { key: 'videoViews', style: 'count' },
];

const LINES: SnapshotMetric[] = ['impressions', 'reach', 'engagement', 'clicks'];

const COLUMNS: FigureColumn[] = [
  { key: 'takenAt', label: 'Read at', style: 'moment' },
  ...FIGURES.map((f) => ({ key: f.key, label: METRIC_LABELS[f.key] ?? f.key, style: f.style })),
];

/** A published post's metrics over time, one block per account it went to (the post detail page). */
@Component({
  selector: 'so-post-metrics',
  imports: [BannerComponent, ChartFigureComponent, FigurePipe, LineChartModule, NetworkLogoComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="post-metrics" aria-labelledby="post-metrics-heading" data-testid="post-metrics">
      <h2 id="post-metrics-heading">Metrics</h2>
      <so-banner [message]="error()" />
      @if (history.hasValue()) {
        @for (v of variants(); track v.post.id) {
          <h3 class="variant-head">
            <so-network-logo [network]="v.post.network" [size]="16" /> {{ network(v.post.network) }}
            @if (v.post.url) {
              <a class="small" [href]="v.post.url" target="_blank" rel="noopener"
                >View on {{ network(v.post.network) }}</a
              >
            }
          </h3>
          <dl class="figures">
            @for (f of figures; track f.key) {
              <div [attr.title]="f.formula ?? null">
                <dt>{{ label(f.key) }}</dt>
                @if (v.post.metrics[f.key] === null) {
                  <dd class="muted">
                    —
                    <span class="small">{{
                      v.post.notProvided.includes(f.key) ? notProvided(v.post.network) : 'not measured yet'
                    }}</span>
                  </dd>
                } @else {
                  <dd>{{ v.post.metrics[f.key] | figure: f.style }}</dd>
                }
              </div>
            }
          </dl>
          @if (v.post.rateBasis === 'impressions') {
            <p class="small muted">
              {{ network(v.post.network) }} gives no reach: the engagement rate is on impressions.
            </p>
          }
          @if (v.series.length) {
            <so-chart-figure
              [heading]="'Over time on ' + network(v.post.network)"
              [columns]="columns"
              [rows]="v.series"
            >
              <ngx-charts-line-chart
                [results]="v.lines"
                [scheme]="scheme"
                [xAxis]="true"
                [yAxis]="true"
                [legend]="true"
                [legendPosition]="legendBelow"
                legendTitle=""
                [xAxisTickFormatting]="momentTick()"
                [yAxisTickFormatting]="figureTick"
              />
            </so-chart-figure>
          }
        } @empty {
          <p class="muted" data-testid="no-post-metrics">
            No metrics yet: they are first read an hour after the post is published, then less and less often for 90
            days.
          </p>
        }
      } @else if (history.isLoading()) {
        <p class="muted" role="status">Loading metrics…</p>
      }
    </section>
  `,
  styles: `
    .variant-head {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 1rem;
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }
    .figures dt {
      font-size: 0.8rem;
      color: var(--muted);
    }
    .figures dd {
      margin: 0;
      font-size: 1.15rem;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class PostMetricsComponent {
  private readonly api = inject(AnalyticsApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly postId = input.required<string>();
  readonly figures = FIGURES;
  readonly columns = COLUMNS;
  readonly scheme = CHART_SCHEME;
  readonly legendBelow = LegendPosition.Below;
  readonly figureTick = figureTick;
  readonly network = networkName;
  private readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  readonly momentTick = computed(() => {
    const zone = this.zone();
    return (value: Date) => formatWhen(DateTime.fromJSDate(value), zone, 'datetime');
  });

  /** A post never published, or not tracked yet, has no analytics: that is "no metrics", not an error. */
  readonly history = resource({
    params: () => this.postId(),
    loader: ({ params }) =>
      this.api.postVariants(params).then(
        (answer) => answer.variants,
        (error: unknown): PostHistory[] => {
          if (error instanceof HttpErrorResponse && error.status === 404) return [];
          throw error;
        },
      ),
  });

  readonly error = computed(() => (this.history.error() ? problemText(this.history.error()) : null));

  label(key: string): string {
    return METRIC_LABELS[key] ?? key;
  }

  notProvided(network: string): string {
    return notProvidedText([network]);
  }

  /** Each variant with its lines, drawn once per reading rather than on every check. */
  readonly variants = computed(() =>
    (this.history.hasValue() ? this.history.value() : []).map((v) => ({ ...v, lines: linesOf(v) })),
  );
}

function linesOf(variant: PostHistory): LineSeries[] {
  return LINES.map((key) => ({
    name: METRIC_LABELS[key] ?? key,
    series: variant.series
      .filter((s) => typeof s[key] === 'number')
      .map((s) => ({ name: new Date(s.takenAt), value: s[key] as number })),
  })).filter((line) => line.series.length);
}
