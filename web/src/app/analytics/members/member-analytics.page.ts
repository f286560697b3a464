import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { problemText } from '../../core/form-errors';
import { BannerComponent } from '../../shared/banner.component';
import { FigurePipe } from '../../shared/format';
import { AnalyticsFilters } from '../analytics-filters';
import type { AnalyticsQuery } from '../analytics.api';
import { CsvDownloadComponent } from '../csv-download.component';
import { METRIC_FORMULAS } from '../metric-formulas';
import { MemberAnalyticsApi, type MemberAnalyticsRow } from './member-analytics.api';

/** Per author: posts created and published in the period, and their average engagement rate. */
@Component({
  selector: 'so-member-analytics-page',
  imports: [RouterLink, BannerComponent, CsvDownloadComponent, FigurePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="error()" />
    @if (rows() === null) {
      @if (!error()) {
        <p class="muted" role="status">Loading members…</p>
      }
    } @else if (rows()!.length === 0) {
      <div class="empty-state card">
        <h2>No one posted in this period</h2>
        <p>
          Each member who creates posts shows here with how their posts did. Choose a longer period above, or
          <a routerLink="../../compose">compose a post</a>.
        </p>
      </div>
    } @else {
      <section class="card" aria-labelledby="member-analytics-heading">
        <div class="section-head">
          <h2 id="member-analytics-heading">Posts by member</h2>
          <so-csv-download path="members" label="Download member figures as CSV" />
        </div>
        <div class="table-scroll">
          <table class="figures">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Posts created</th>
                <th scope="col">Posts published</th>
                <th scope="col">Average engagement rate</th>
              </tr>
            </thead>
            <tbody>
              @for (m of rows(); track m.memberId) {
                <tr>
                  <th scope="row">{{ m.name }}</th>
                  <td>{{ m.postsCreated | figure }}</td>
                  <td>{{ m.postsPublished | figure }}</td>
                  <td>{{ m.averageEngagementRate | figure: 'percent' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p class="muted small">
          Posts created in the period, by who created them; the average is over their posts published in it.
          {{ formula }}.
        </p>
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
    .figures thead th:not(:first-child) {
      text-align: right;
    }
    .figures td {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class MemberAnalyticsPage {
  private readonly api = inject(MemberAnalyticsApi);
  private readonly filters = inject(AnalyticsFilters);
  readonly rows = signal<MemberAnalyticsRow[] | null>(null);
  readonly error = signal<string | null>(null);
  readonly formula = METRIC_FORMULAS.engagementRate;
  private loads = 0;

  constructor() {
    effect(() => {
      const query = this.filters.query();
      this.filters.version();
      untracked(() => void this.load(query));
    });
  }

  private async load(query: AnalyticsQuery): Promise<void> {
    const load = ++this.loads;
    try {
      const rows = await this.api.list(query);
      if (load !== this.loads) return;
      this.rows.set(rows);
      this.error.set(null);
    } catch (error) {
      if (load === this.loads) this.error.set(problemText(error));
    }
  }
}
