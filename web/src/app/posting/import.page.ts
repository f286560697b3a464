import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnDestroy, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';

interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  result: {
    created: number;
    /** Only once the import is done. */
    postIds?: string[];
    /** The first 1,000 problems, in row order. */
    errors: { row: number; field: string; message: string }[];
    /** All of them. */
    errorCount: number;
  } | null;
  error: string | null;
}

const POLL_MS = 700;

/** Bulk import from CSV or XLSX with progress and the rows that could not be imported; export in the same format. */
@Component({
  selector: 'so-import',
  imports: [BannerComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Import and export posts</h1>
    <p class="muted">
      Columns: <code>text</code>, <code>accounts</code> (names or ids, separated by <code>;</code>),
      <code>scheduled_at</code> (<code>YYYY-MM-DD HH:mm</code> in the workspace time zone, empty for a draft),
      <code>post_type</code>, <code>link</code>, <code>labels</code>, <code>media_urls</code>. An export is a valid
      import file.
    </p>
    <so-banner [message]="error()" />
    <section class="card" aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <form class="inline" (submit)="$event.preventDefault(); upload(file)">
        <label for="import-file">CSV or XLSX file</label>
        <input #file id="import-file" type="file" accept=".csv,.xlsx,text/csv" />
        <button type="submit" class="primary" [disabled]="busy()">Import</button>
      </form>
      @if (job(); as j) {
        <div class="import-status" role="status">
          <progress max="100" [value]="j.progress" aria-label="Import progress"></progress>
          <span>{{ statusText(j) }}</span>
        </div>
        @if (j.result?.errors?.length) {
          <h3>Rows not imported</h3>
          @if (j.result!.errorCount > j.result!.errors.length) {
            <p class="muted">
              The first {{ j.result!.errors.length }} of {{ j.result!.errorCount }} problems; fix these and import the
              file again to see the rest.
            </p>
          }
          <table class="table">
            <thead>
              <tr>
                <th>Row</th>
                <th>Column</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              @for (e of j.result!.errors; track $index) {
                <tr>
                  <td>{{ e.row }}</td>
                  <td>
                    <code>{{ e.field }}</code>
                  </td>
                  <td>{{ e.message }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
        @if (j.status === 'completed' && j.result?.created) {
          <p><a routerLink="../board">See the imported posts on the board</a></p>
        }
      }
    </section>
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <div class="button-row">
        <button type="button" (click)="download('csv')">Download CSV</button>
        <button type="button" (click)="download('xlsx')">Download XLSX</button>
      </div>
    </section>
  `,
})
export class ImportPage implements OnDestroy {
  private readonly http = inject(HttpClient);
  readonly job = signal<ImportJob | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  ngOnDestroy(): void {
    clearTimeout(this.timer);
  }

  async upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) {
      this.error.set('Choose a CSV or XLSX file first.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const { job_id } = await firstValueFrom(this.http.post<{ job_id: string }>('/api/v1/posts/import', form));
      await this.poll(job_id);
    } catch (error) {
      this.error.set(problemText(error));
      this.busy.set(false);
    }
  }

  statusText(job: ImportJob): string {
    if (job.status === 'failed') return `The import failed: ${job.error}`;
    if (job.status !== 'completed') {
      if (job.status === 'queued') return 'Waiting to start…';
      const created = job.result?.created ?? 0;
      return `Importing… ${job.progress}%${created ? ` (${created.toLocaleString()} post(s) so far)` : ''}`;
    }
    const errors = job.result?.errorCount ?? job.result?.errors.length ?? 0;
    return `Imported ${job.result?.created ?? 0} post(s)${errors ? `; ${errors} problem(s) below` : ''}.`;
  }

  async download(format: 'csv' | 'xlsx'): Promise<void> {
    try {
      const blob = await firstValueFrom(
        this.http.get(`/api/v1/posts/export?format=${format}`, { responseType: 'blob' }),
      );
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `posts.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  private async poll(id: string): Promise<void> {
    const job = await firstValueFrom(this.http.get<ImportJob>(`/api/v1/jobs/${id}`));
    this.job.set(job);
    if (job.status === 'completed' || job.status === 'failed') {
      this.busy.set(false);
      return;
    }
    this.timer = setTimeout(() => void this.poll(id).catch((e) => this.error.set(problemText(e))), POLL_MS);
  }
}
