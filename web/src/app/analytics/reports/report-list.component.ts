import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { WhenPipe } from '../../shared/format';
import { AnalyticsFilters } from '../analytics-filters';
import type { GeneratedReport } from './reports.api';
import { periodText } from './report-words';
import { ReportsStore } from './reports.store';

/** The PDF reports made so far, newest first, each downloadable. */
@Component({
  selector: 'so-report-list',
  imports: [WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="report-list-heading">
      <h2 id="report-list-heading">Generated reports</h2>
      @if (store.reports(); as reports) {
        @if (reports.length) {
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Made</th>
                  <th scope="col">By</th>
                  <th scope="col">Size</th>
                  <th scope="col"><span class="visually-hidden">Download</span></th>
                </tr>
              </thead>
              <tbody>
                @for (r of reports; track r.id) {
                  <tr>
                    <th scope="row">{{ period(r) }}</th>
                    <td>{{ r.createdAt | when }}</td>
                    <td>{{ r.scheduleId ? 'A schedule' : 'On request' }}</td>
                    <td>{{ size(r.byteSize) }}</td>
                    <td>
                      <button
                        type="button"
                        class="small"
                        [attr.aria-label]="'Download the report for ' + period(r)"
                        (click)="store.download(r)"
                      >
                        Download PDF
                      </button>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        } @else {
          <p class="empty">No report yet. Create one above, or schedule one below to have it emailed.</p>
        }
      }
    </section>
  `,
})
export class ReportListComponent {
  private readonly filters = inject(AnalyticsFilters);
  readonly store = inject(ReportsStore);

  period(report: GeneratedReport): string {
    return periodText(report.from, report.to, this.filters.zone());
  }

  /** "84 kB". */
  size(bytes: number): string {
    return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
  }
}
