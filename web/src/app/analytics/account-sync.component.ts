import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { formatWhen } from '../shared/format';
import { AnalyticsFilters } from './analytics-filters';
import { AnalyticsApi } from './analytics.api';
import { watchJob } from './job-watch';
import { SYNC_COOLDOWN_MS, SyncCooldowns } from './sync-cooldowns';

/** "Sync now" for one account: reads its metrics at once, then waits out the API's cooldown. */
@Component({
  selector: 'so-account-sync',
  imports: [BannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="account-sync">
      <button type="button" (click)="sync()" [disabled]="busy() || !!until()" data-testid="sync-now">
        {{ busy() ? 'Syncing…' : 'Sync now' }}
      </button>
      <span class="muted small" role="status">
        @if (until(); as at) {
          Synced recently: the next sync can start at {{ time(at) }}.
        } @else if (done()) {
          Metrics read just now.
        } @else {
          Reads this account's latest metrics now instead of at the next scheduled read.
        }
      </span>
    </div>
    <so-banner [message]="error()" />
  `,
  styles: `
    .account-sync {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
  `,
})
export class AccountSyncComponent {
  private readonly api = inject(AnalyticsApi);
  private readonly filters = inject(AnalyticsFilters);
  private readonly cooldowns = inject(SyncCooldowns);
  readonly accountId = input.required<string>();
  readonly busy = signal(false);
  readonly done = signal(false);
  readonly error = signal<string | null>(null);
  /** Ticks each 15 s so the cooldown ends on screen without a reload. */
  private readonly now = signal(Date.now());
  readonly until = computed(() => this.cooldowns.until(this.accountId(), this.now()));
  private gone = false;

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 15_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.gone = true;
    });
  }

  time(at: number): string {
    return formatWhen(new Date(at).toISOString(), this.filters.zone(), 'time');
  }

  async sync(): Promise<void> {
    const id = this.accountId();
    this.busy.set(true);
    this.error.set(null);
    this.done.set(false);
    try {
      const { job_id } = await this.api.syncAccount(id);
      this.cooldowns.set(id, Date.now() + SYNC_COOLDOWN_MS);
      const job = await watchJob(
        (j) => this.api.job(j),
        job_id,
        () => undefined,
        () => this.gone,
      );
      if (job?.status === 'failed') this.error.set(`The sync failed: ${job.error ?? 'unknown error'}`);
      else if (job) {
        this.done.set(true);
        this.filters.refresh();
      }
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 429) {
        const seconds = Number(error.headers.get('Retry-After')) || SYNC_COOLDOWN_MS / 1000;
        this.cooldowns.set(id, Date.now() + seconds * 1000);
      } else this.error.set(problemText(error));
    } finally {
      this.now.set(Date.now());
      this.busy.set(false);
    }
  }
}
