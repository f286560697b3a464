import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { AccountsStore } from '../accounts/accounts.store';
import type { QueueSlot } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { BannerComponent } from '../shared/banner.component';
import { DialogComponent } from '../shared/dialog.component';
import { AnalyticsFilters } from './analytics-filters';
import { AnalyticsApi } from './analytics.api';
import { CsvDownloadComponent } from './csv-download.component';
import { DemoHistoryComponent } from './demo-history.component';
import { BestTimesHeatmapComponent, hourText, WEEKDAYS } from './heatmap.component';
import { networkName } from './metric-formulas';

/** "Mon 09:00, Wed 18:00". */
function slotsText(slots: Array<{ weekday: number; localTime?: string; hour?: number }>): string {
  if (!slots.length) return 'none';
  return slots.map((s) => `${WEEKDAYS[s.weekday - 1]?.slice(0, 3)} ${s.localTime ?? hourText(s.hour ?? 0)}`).join(', ');
}

/**
 * When this account's (or network's) posts do best, hour by hour over the week, in the workspace's
 * zone; one click makes the best times the account's queue slots, with an undo.
 */
@Component({
  selector: 'so-analytics-best-times',
  imports: [BannerComponent, BestTimesHeatmapComponent, CsvDownloadComponent, DemoHistoryComponent, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="scope">
      <label for="best-times-scope">Show</label>
      <select id="best-times-scope" (change)="pickScope($any($event.target).value)" data-testid="best-times-scope">
        @for (a of accounts.accounts() ?? []; track a.id) {
          <option [value]="'account:' + a.id" [selected]="scopeKey() === 'account:' + a.id">
            {{ a.name }} ({{ a.networkLabel }})
          </option>
        }
        @for (n of networks(); track n) {
          <option [value]="'network:' + n" [selected]="scopeKey() === 'network:' + n">
            Every {{ network(n) }} account
          </option>
        }
      </select>
    </div>
    <so-banner [message]="error()" />
    <so-banner [message]="notice()" kind="success" />
    @if (undoSlots(); as previous) {
      <p class="undo">
        <button type="button" class="small" (click)="undo(previous)" data-testid="undo-slots">Undo</button>
        <span class="muted small">Puts back the previous slots: {{ slotsText(previous.slots) }}.</span>
      </p>
    }
    @if (data.hasValue()) {
      @let b = data.value();
      @if (!b.enoughData) {
        <div class="notice" role="status" data-testid="not-enough-history">
          <p>
            <strong>Not enough history yet.</strong>
            {{
              b.message ??
                'Each hour needs at least ' +
                  b.minPosts +
                  ' published posts with metrics before it can be called good or bad; until then this page does not guess.'
            }}
          </p>
        </div>
        <so-analytics-empty heading="Publish more, or load demo history to see the heatmap at work." />
      }
      <section class="card">
        <h2>Engagement rate by weekday and hour</h2>
        <p class="muted small">
          Hours in {{ b.timeZone }}. Each cell is the engagement rate of the posts published in that hour; a cell with
          fewer than {{ b.minPosts }} posts stays blank rather than guess. Focus a cell for its figures. Every post
          counts with its latest figures, whatever the period chosen above.
        </p>
        <so-best-times-heatmap [cells]="b.cells" [best]="b.best" />
        <so-csv-download
          path="best-times"
          label="Download the heatmap as CSV"
          [params]="scope().kind === 'account' ? { account: scope().id } : { network: scope().id }"
        />
        @if (b.best.length) {
          <p>
            <strong>Best times:</strong><span data-testid="best-times-list"> {{ slotsText(b.best) }}</span>
          </p>
        }
        @if (scope().kind === 'account' && b.best.length) {
          <button type="button" class="primary" (click)="ask()" [disabled]="busy()" data-testid="use-best-times">
            Use best times as queue slots
          </button>
        }
      </section>
    } @else if (data.isLoading()) {
      <p class="muted" role="status">Loading best times…</p>
    } @else if (!scopeKey()) {
      <so-analytics-empty heading="Connect an account to see when its posts do best." />
    }
    <so-dialog heading="Use best times as queue slots?">
      <p>
        {{ accountName() }}'s queue slots become <strong>{{ slotsText(data.value()?.best ?? []) }}</strong>, replacing
        its current slots. Posts already scheduled keep their times. You can undo this afterwards.
      </p>
      <div class="actions">
        <button type="button" (click)="dialog().close()" autofocus>Cancel</button>
        <button type="button" class="primary" (click)="useBestTimes()" data-testid="confirm-best-times">
          Use these times
        </button>
      </div>
    </so-dialog>
  `,
  styles: `
    .scope {
      display: inline-flex;
      flex-direction: column;
      margin: 0 0 1rem;
      gap: 0.2rem;
      font-size: 0.85rem;
    }
    .undo {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class BestTimesPage {
  private readonly api = inject(AnalyticsApi);
  private readonly filters = inject(AnalyticsFilters);
  readonly accounts = inject(AccountsStore);
  readonly network = networkName;
  readonly slotsText = slotsText;
  readonly dialog = viewChild.required(DialogComponent);
  readonly busy = signal(false);
  readonly notice = signal<string | null>(null);
  readonly actionError = signal<string | null>(null);
  /** The slots before the last change, for its undo. */
  readonly undoSlots = signal<{ accountId: string; slots: QueueSlot[] } | null>(null);
  private readonly chosen = signal<string | null>(null);

  /** The networks of the workspace's accounts, each once. */
  readonly networks = computed(() => [...new Set((this.accounts.accounts() ?? []).map((a) => a.network))]);

  /** "account:<id>" or "network:<id>": the choice, else the filtered account or network, else the first account. */
  readonly scopeKey = computed(() => {
    const chosen = this.chosen();
    if (chosen) return chosen;
    const { accounts, networks } = this.filters.state();
    if (accounts.length) return `account:${accounts[0]}`;
    if (networks.length) return `network:${networks[0]}`;
    const first = this.accounts.accounts()?.[0];
    return first ? `account:${first.id}` : null;
  });

  readonly scope = computed(() => {
    const [kind, id] = (this.scopeKey() ?? ':').split(':') as ['account' | 'network', string];
    return { kind, id };
  });

  readonly accountName = computed(() => {
    const { kind, id } = this.scope();
    return kind === 'account' ? (this.accounts.accounts()?.find((a) => a.id === id)?.name ?? 'The account') : '';
  });

  readonly data = resource({
    params: () => (this.scopeKey() ? { scope: this.scope(), version: this.filters.version() } : undefined),
    loader: ({ params }) =>
      this.api.bestTimes(params.scope.kind === 'account' ? { account: params.scope.id } : { network: params.scope.id }),
  });

  readonly error = computed(() => this.actionError() ?? (this.data.error() ? problemText(this.data.error()) : null));

  constructor() {
    if (this.accounts.accounts() === null) void this.accounts.load();
    // A new scope's message would talk about the old one.
    effect(() => {
      this.scopeKey();
      this.notice.set(null);
    });
  }

  pickScope(key: string): void {
    this.chosen.set(key);
  }

  ask(): void {
    this.actionError.set(null);
    this.dialog().open();
  }

  async useBestTimes(): Promise<void> {
    this.dialog().close();
    const accountId = this.scope().id;
    const count = this.data.value()?.best.length ?? 0;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      const previous = await this.accounts.slots(accountId);
      const slots = await this.api.useBestTimesAsSlots(accountId, count);
      this.undoSlots.set({ accountId, slots: previous });
      this.notice.set(`${this.accountName()}'s queue slots are now ${slotsText(slots)}.`);
    } catch (error) {
      this.actionError.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }

  async undo(previous: { accountId: string; slots: QueueSlot[] }): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    try {
      await this.accounts.saveSlots(previous.accountId, previous.slots);
      this.undoSlots.set(null);
      this.notice.set(`The previous queue slots are back: ${slotsText(previous.slots)}.`);
    } catch (error) {
      this.actionError.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
