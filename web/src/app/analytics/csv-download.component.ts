import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { problemText } from '../core/form-errors';
import { IconComponent } from '../shared/icon.component';
import { AnalyticsApi } from './analytics.api';
import { AnalyticsFilters } from './analytics-filters';

/** Hands a file the app holds in memory to the browser as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  // The click has handed the file over; the URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(link.href));
}

/**
 * "Download CSV" for one table of the section: the same read with ?format=csv, for the section's
 * current filters. The file is named after the table and the period ("hashtags-2026-11-04-to-2026-12-03.csv").
 * A read that takes other parameters than the period (best times: an account or a network) passes them.
 */
@Component({
  selector: 'so-csv-download',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="small" [disabled]="busy()" (click)="download()" [attr.aria-label]="label()">
      <so-icon name="file-text" /> {{ busy() ? 'Preparing CSV…' : 'Download CSV' }}
    </button>
    @if (error()) {
      <span class="field-error" role="alert">{{ error() }}</span>
    }
  `,
})
export class CsvDownloadComponent {
  private readonly api = inject(AnalyticsApi);
  private readonly http = inject(HttpClient);
  private readonly filters = inject(AnalyticsFilters);
  /** The read's path under /api/v1/analytics, e.g. "hashtags". */
  readonly path = input.required<string>();
  /** The button's accessible name, naming the table: "Download hashtags as CSV". */
  readonly label = input.required<string>();
  /** The read's own parameters instead of the section's filters. */
  readonly params = input<Record<string, string> | null>(null);
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  async download(): Promise<void> {
    const query = this.filters.query();
    this.busy.set(true);
    this.error.set(null);
    try {
      const name = this.path().replace(/\W+/g, '-');
      const params = this.params();
      if (params) {
        const blob = await firstValueFrom(
          this.http.get(`/api/v1/analytics/${this.path()}`, {
            params: { ...params, format: 'csv' },
            responseType: 'blob',
          }),
        );
        saveFile(blob, `${name}.csv`);
      } else {
        saveFile(await this.api.csv(this.path(), query), `${name}-${query.from}-to-${query.to}.csv`);
      }
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
