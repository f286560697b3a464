import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { NETWORK_LABELS } from '../accounts/network-badge.component';
import type { Label, NetworkId, SocialAccount } from '../core/api.types';
import { IconComponent } from '../shared/icon.component';
import { CalendarFilters, FILTER_KEYS, NO_FILTERS, STATE_FILTERS } from './calendar-filters';

/** A person who may have written posts, for the author filter. */
export interface AuthorOption {
  id: string;
  name: string;
}

/** The calendar's filters: account, network, label, state and author; each change is applied at once. */
@Component({
  selector: 'so-calendar-filters',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset class="filters">
      <legend class="visually-hidden">Filters</legend>
      <div class="filter">
        <label for="calendar-account">Account</label>
        <select id="calendar-account" (change)="set('account', $event)">
          <option value="" [selected]="!value().account">All accounts</option>
          @for (a of accounts(); track a.id) {
            <option [value]="a.id" [selected]="a.id === value().account">{{ a.name }}</option>
          }
        </select>
      </div>
      <div class="filter">
        <label for="calendar-network">Network</label>
        <select id="calendar-network" (change)="set('network', $event)">
          <option value="" [selected]="!value().network">All networks</option>
          @for (n of networks(); track n) {
            <option [value]="n" [selected]="n === value().network">{{ networkLabels[n] }}</option>
          }
        </select>
      </div>
      <div class="filter">
        <label for="calendar-label">Label</label>
        <select id="calendar-label" (change)="set('label', $event)">
          <option value="" [selected]="!value().label">Any label</option>
          @for (l of labels(); track l.name) {
            <option [value]="l.name" [selected]="l.name === value().label">{{ l.name }}</option>
          }
        </select>
      </div>
      <div class="filter">
        <label for="calendar-state">State</label>
        <select id="calendar-state" (change)="set('state', $event)">
          <option value="" [selected]="!value().state">Any state</option>
          @for (s of states; track s.value) {
            <option [value]="s.value" [selected]="s.value === value().state">{{ s.label }}</option>
          }
        </select>
      </div>
      <div class="filter">
        <label for="calendar-author">Author</label>
        <select id="calendar-author" (change)="set('author', $event)">
          <option value="" [selected]="!value().author">Anyone</option>
          @for (p of authors(); track p.id) {
            <option [value]="p.id" [selected]="p.id === value().author">{{ p.name }}</option>
          }
        </select>
      </div>
      @if (active()) {
        <button type="button" class="link clear" (click)="clear()">
          <so-icon name="x" [size]="14" /> Clear filters
        </button>
      }
    </fieldset>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 0.8rem;
      align-items: end;
      border: 0;
      padding: 0;
      margin: 0 0 0.8rem;
    }
    .filter {
      display: flex;
      flex-direction: column;
      gap: 0.1rem;
    }
    label {
      margin: 0;
      font-size: 0.78rem;
      color: var(--muted);
    }
    select {
      width: auto;
      min-width: 8rem;
      max-width: 14rem;
    }
    .clear {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
    }
  `,
})
export class CalendarFiltersComponent {
  readonly value = input.required<CalendarFilters>();
  readonly accounts = input.required<SocialAccount[]>();
  readonly labels = input.required<Label[]>();
  readonly authors = input.required<AuthorOption[]>();
  readonly changed = output<CalendarFilters>();

  readonly states = STATE_FILTERS;
  readonly networkLabels = NETWORK_LABELS;
  /** Only the networks the workspace has an account on. */
  readonly networks = computed(() => [...new Set(this.accounts().map((a) => a.network))].sort() as NetworkId[]);
  readonly active = computed(() => FILTER_KEYS.some((key) => this.value()[key] !== ''));

  set(key: keyof CalendarFilters, event: Event): void {
    this.changed.emit({ ...this.value(), [key]: (event.target as HTMLSelectElement).value });
  }

  clear(): void {
    this.changed.emit(NO_FILTERS);
  }
}
