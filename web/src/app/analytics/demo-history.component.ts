import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { AccountsStore } from '../accounts/accounts.store';
import { WorkspaceService } from '../core/workspace.service';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { AnalyticsFilters } from './analytics-filters';
import { AnalyticsApi, type AnalyticsJob } from './analytics.api';
import { watchJob } from './job-watch';

/**
 * The section's empty state: what to do when there is nothing to chart yet, with the one-click
 * "Load 90 days of demo history" (Sandbox posts and their metrics) and its progress.
 */
@Component({
  selector: 'so-analytics-empty',
  imports: [BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="empty card analytics-empty" data-testid="analytics-empty">
      <p>
        <strong>{{ heading() }}</strong>
      </p>
      <p class="muted">
        Metrics arrive after your posts are published: they are read an hour after publishing, then less and less often
        for 90 days. Widen the period or the filters above, publish a post, or fill this workspace with 90 days of
        Sandbox posts and their metrics to see every chart at work.
      </p>
      @if (canLoad()) {
        <button type="button" class="primary" (click)="load()" [disabled]="busy()">Load 90 days of demo history</button>
      } @else {
        <p class="small muted">Someone who may write posts in this workspace can load the demo history.</p>
      }
      @if (job(); as j) {
        <p role="status" data-testid="demo-progress">
          <progress max="100" [value]="j.progress" aria-label="Demo history loaded"></progress>
          {{ statusText(j) }}
        </p>
      }
      <so-banner [message]="error()" />
    </div>
  `,
  styles: `
    .analytics-empty progress {
      vertical-align: middle;
      margin-right: 0.5rem;
    }
  `,
})
export class DemoHistoryComponent {
  private readonly api = inject(AnalyticsApi);
  private readonly filters = inject(AnalyticsFilters);
  private readonly accounts = inject(AccountsStore);
  /** The demo writes published posts (and a Sandbox account where there is none). */
  private readonly workspaces = inject(WorkspaceService);
  readonly canLoad = computed(() => this.workspaces.can('posts:write'));
  readonly heading = input('No analytics in this period yet.');
  readonly busy = signal(false);
  readonly job = signal<AnalyticsJob | null>(null);
  readonly error = signal<string | null>(null);
  private gone = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => (this.gone = true));
  }

  statusText(job: AnalyticsJob): string {
    if (job.status === 'failed') return `Loading demo history failed: ${job.error ?? 'unknown error'}`;
    if (job.status === 'completed') return 'Demo history loaded.';
    return job.status === 'queued' ? 'Waiting to start…' : `Loading demo history… ${job.progress}%`;
  }

  async load(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const { job_id } = await this.api.loadDemoHistory();
      const done = await watchJob(
        (id) => this.api.job(id),
        job_id,
        (j) => this.job.set(j),
        () => this.gone,
      );
      if (done?.status === 'completed') {
        // The demo may have connected a Sandbox account: the filters and pages list it.
        await this.accounts.load();
        this.filters.refresh();
      }
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
