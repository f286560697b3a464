import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  untracked,
} from '@angular/core';
import { LegendPosition, LineChartModule } from '@swimlane/ngx-charts';
import { WorkspaceService } from '../../core/workspace.service';
import { BannerComponent } from '../../shared/banner.component';
import { AnalyticsFilters } from '../analytics-filters';
import { ChartFigureComponent } from '../chart-figure.component';
import { CHART_SCHEME, dayTick, figureTick } from '../chart-kit';
import { CsvDownloadComponent } from '../csv-download.component';
import type { CompetitorRow } from './competitors.api';
import { CompetitorsStore } from './competitors.store';
import { CompetitorsTableComponent } from './competitors-table.component';
import { CompetitorFormComponent } from './competitor-form.component';
import { growthSeries, growthTable } from './follower-growth';

/**
 * Competitors: add a public account by network and handle, compare it with the workspace's own
 * accounts (followers, growth, posting rhythm, engagement, mix) and follow its followers over time.
 */
@Component({
  selector: 'so-competitors-page',
  imports: [
    LineChartModule,
    BannerComponent,
    ChartFigureComponent,
    CompetitorFormComponent,
    CompetitorsTableComponent,
    CsvDownloadComponent,
  ],
  providers: [CompetitorsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canManage()) {
      <so-competitor-form />
    }
    <so-banner [message]="store.error()" />
    <div class="undo-list" role="status">
      @for (row of store.removing(); track row.id) {
        <div class="banner undo">
          Stopped tracking &#64;{{ row.handle }}.
          <button type="button" class="small" [id]="'undo-' + row.id" (click)="store.undo(row)">Undo</button>
        </div>
      }
    </div>
    @if (store.table() === null) {
      @if (!store.error()) {
        <p class="muted" role="status">Loading competitors…</p>
      }
    } @else {
      @if (store.competitors().length === 0) {
        <div class="empty-state card">
          <h2>No competitor tracked yet</h2>
          <p>
            @if (canManage()) {
              Add a public account above, by its network and handle: its followers, posting rhythm and engagement are
              then read every day and compared with your accounts here.
            } @else {
              Someone who manages accounts can add competitors; they are compared with your accounts here.
            }
          </p>
        </div>
      }
      <section class="card" aria-labelledby="comparison-heading">
        <div class="section-head">
          <h2 id="comparison-heading">Compared with your accounts</h2>
          <so-csv-download path="competitors" label="Download the comparison as CSV" />
        </div>
        <so-competitors-table
          [competitors]="store.competitors()"
          [own]="store.own()"
          [canRemove]="canManage()"
          (removed)="remove($event)"
        />
      </section>
      @if (store.growth().length) {
        <so-chart-figure
          heading="Follower growth"
          description="Followers at the end of each day, competitors and your accounts."
          [columns]="growth().columns"
          [rows]="growth().rows"
        >
          <ngx-charts-line-chart
            [results]="lines()"
            [scheme]="scheme"
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
      }
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
    .banner.undo {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
  `,
})
export class CompetitorsPage {
  private readonly filters = inject(AnalyticsFilters);
  private readonly workspaces = inject(WorkspaceService);
  private readonly injector = inject(Injector);
  readonly store = inject(CompetitorsStore);
  readonly canManage = computed(() => this.workspaces.can('accounts:write'));
  readonly scheme = CHART_SCHEME;
  readonly legendBelow = LegendPosition.Below;
  readonly figureTick = figureTick;
  readonly dayTick = computed(() => dayTick(this.filters.zone()));
  readonly lines = computed(() => growthSeries(this.store.growth(), this.filters.zone()));
  readonly growth = computed(() => growthTable(this.store.growth()));

  constructor() {
    effect(() => {
      const query = this.filters.query();
      this.filters.version();
      untracked(() => void this.store.load(query));
    });
  }

  /** The row goes at once; focus moves to its Undo, so the keyboard is not left on nothing. */
  remove(row: CompetitorRow): void {
    this.store.remove(row);
    afterNextRender(() => document.getElementById(`undo-${row.id}`)?.focus(), { injector: this.injector });
  }
}
