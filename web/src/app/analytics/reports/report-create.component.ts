import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { IconComponent } from '../../shared/icon.component';
import { AnalyticsFilters } from '../analytics-filters';
import { periodText } from './report-words';
import { ReportsStore } from './reports.store';

/** "Create PDF report" for the section's period and scope, its progress, then its download. */
@Component({
  selector: 'so-report-create',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="create-report-heading">
      <h2 id="create-report-heading">PDF report</h2>
      <p>
        KPIs compared with the period before, charts, top posts, hashtags and best times for
        <strong>{{ period() }}</strong>{{ scoped() ? ', for the accounts and networks chosen above' : '' }}. Choose
        another period above to report on it.
      </p>
      <button type="button" class="primary" [disabled]="running()" (click)="create()">
        <so-icon name="file-text" /> {{ running() ? 'Creating the report…' : 'Create PDF report' }}
      </button>
      @if (store.generation(); as g) {
        <div class="generation" role="status">
          @if (g.state === 'running') {
            <progress max="100" [value]="g.progress" aria-label="Report progress"></progress>
            <span>Creating the report for {{ periodOf(g.from, g.to) }}… {{ g.progress }}%</span>
          } @else if (g.state === 'done') {
            <span><so-icon name="check" /> The report for {{ periodOf(g.from, g.to) }} is ready.</span>
            <button type="button" class="small" (click)="store.download({ id: g.reportId!, from: g.from, to: g.to })">
              Download PDF
            </button>
          } @else {
            <span class="danger-text">The report could not be made: {{ g.error }}</span>
          }
        </div>
      }
    </section>
  `,
  styles: `
    .generation {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin-top: 0.75rem;
      flex-wrap: wrap;
    }
  `,
})
export class ReportCreateComponent {
  private readonly filters = inject(AnalyticsFilters);
  readonly store = inject(ReportsStore);
  readonly period = computed(() => this.periodOf(this.filters.range().from, this.filters.range().to));
  readonly scoped = computed(() => this.filters.query().accounts.length + this.filters.query().networks.length > 0);
  readonly running = computed(() => this.store.generation()?.state === 'running');

  periodOf(from: string, to: string): string {
    return periodText(from, to, this.filters.zone());
  }

  create(): void {
    void this.store.generate(this.filters.query());
  }
}
