import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { AccountsStore } from '../accounts/accounts.store';
import { formatWhen } from '../shared/format';
import { AnalyticsFilters } from './analytics-filters';
import { dayInZone, isDay, RANGE_PRESETS, type RangePreset } from './date-range';

/**
 * The section's filter bar: period (presets or two days), compare with the previous period, and
 * which account or network. Every change goes to the URL (AnalyticsFilters), so a link keeps it.
 */
@Component({
  selector: 'so-date-range-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="analytics-filters" role="search" aria-label="Analytics filters" (submit)="$event.preventDefault()">
      <div class="field">
        <label for="analytics-range">Period</label>
        <select id="analytics-range" name="range" (change)="pick($any($event.target).value)" data-testid="range-preset">
          @for (p of presets; track p.id) {
            <option [value]="p.id" [selected]="p.id === state().preset">{{ p.label }}</option>
          }
        </select>
      </div>
      @if (state().preset === 'custom') {
        <div class="field">
          <label for="analytics-from">From</label>
          <input
            id="analytics-from"
            type="date"
            name="from"
            [value]="range().from"
            [max]="range().to"
            (change)="setDay('from', $any($event.target).value)"
          />
        </div>
        <div class="field">
          <label for="analytics-to">To</label>
          <input
            id="analytics-to"
            type="date"
            name="to"
            [value]="range().to"
            [min]="range().from"
            (change)="setDay('to', $any($event.target).value)"
          />
        </div>
      }
      <div class="field">
        <label for="analytics-account">Account</label>
        <select id="analytics-account" name="account" (change)="pickAccount($any($event.target).value)">
          <option value="" [selected]="!state().accounts.length">All accounts</option>
          @for (a of accounts.accounts() ?? []; track a.id) {
            <option [value]="a.id" [selected]="state().accounts.includes(a.id)">
              {{ a.name }} ({{ a.networkLabel }})
            </option>
          }
        </select>
      </div>
      <div class="field">
        <label for="analytics-network">Network</label>
        <select id="analytics-network" name="network" (change)="pickNetwork($any($event.target).value)">
          <option value="" [selected]="!state().networks.length">All networks</option>
          @for (n of networks(); track n.id) {
            <option [value]="n.id" [selected]="state().networks.includes(n.id)">{{ n.label }}</option>
          }
        </select>
      </div>
      <label class="compare">
        <input
          type="checkbox"
          name="compare"
          [checked]="state().compare"
          (change)="filters.update({ compare: $any($event.target).checked })"
        />
        Compare to previous period
      </label>
      <p class="muted small period" aria-live="polite" data-testid="range-text">{{ rangeText() }}</p>
    </form>
  `,
  styles: `
    .analytics-filters {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;
    }
    .analytics-filters .field {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      font-size: 0.85rem;
    }
    .analytics-filters label.compare {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.85rem;
    }
    .period {
      margin: 0;
      flex-basis: 100%;
    }
  `,
})
export class DateRangePickerComponent implements OnInit {
  readonly filters = inject(AnalyticsFilters);
  readonly accounts = inject(AccountsStore);
  readonly presets = RANGE_PRESETS;
  readonly state = this.filters.state;
  readonly range = this.filters.range;

  /** The networks of the workspace's accounts, each once. */
  readonly networks = computed(() => {
    const seen = new Map<string, string>();
    for (const a of this.accounts.accounts() ?? []) seen.set(a.network, a.networkLabel);
    return [...seen].map(([id, label]) => ({ id, label }));
  });

  readonly rangeText = computed(() => {
    const { from, to } = this.range();
    const zone = this.filters.zone();
    const day = (d: string) => formatWhen(dayInZone(d, zone), zone, 'date');
    const text = `${day(from)} – ${day(to)}, ${zone}`;
    return this.state().compare ? `${text}; compared with the ${this.days()} days before` : text;
  });

  private readonly days = computed(() => {
    const { from, to } = this.range();
    return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  });

  ngOnInit(): void {
    if (this.accounts.accounts() === null) void this.accounts.load();
  }

  pick(preset: RangePreset): void {
    void this.filters.update({ preset });
  }

  setDay(which: 'from' | 'to', value: string): void {
    if (!isDay(value)) return;
    const range = { ...this.range(), [which]: value };
    if (range.from > range.to) return;
    void this.filters.update({ preset: 'custom', ...range });
  }

  pickAccount(id: string): void {
    void this.filters.update({ accounts: id ? [id] : [] });
  }

  pickNetwork(id: string): void {
    void this.filters.update({ networks: id ? [id] : [] });
  }
}
