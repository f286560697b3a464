import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, convertToParamMap, type ParamMap, Params, Router } from '@angular/router';
import { WorkspaceService } from '../core/workspace.service';
import type { AnalyticsQuery } from './analytics.api';
import { DEFAULT_PRESET, isPreset, type RangePreset, resolveRange } from './date-range';

/** What the section's filters hold; each lives in the URL's query, so a shared link keeps them. */
export interface FilterState {
  preset: RangePreset;
  /** Only for the custom preset. */
  from: string | null;
  to: string | null;
  compare: boolean;
  accounts: string[];
  networks: string[];
}

const list = (value: string | null): string[] => (value ? value.split(',').filter(Boolean) : []);

export function readFilters(params: ParamMap): FilterState {
  const range = params.get('range');
  return {
    preset: isPreset(range) ? range : DEFAULT_PRESET,
    from: params.get('from'),
    to: params.get('to'),
    // On unless turned off: the deltas are what the cards are for.
    compare: params.get('compare') !== '0',
    accounts: list(params.get('accounts')),
    networks: list(params.get('networks')),
  };
}

/** The query of a state, with defaults left out so links stay short; null removes a parameter. */
export function filterParams(state: FilterState): Params {
  const custom = state.preset === 'custom';
  return {
    range: state.preset === DEFAULT_PRESET ? null : state.preset,
    from: custom ? state.from : null,
    to: custom ? state.to : null,
    compare: state.compare ? null : '0',
    accounts: state.accounts.length ? state.accounts.join(',') : null,
    networks: state.networks.length ? state.networks.join(',') : null,
  };
}

/**
 * The section's shared filters (period, compare-to-previous, accounts, networks), read from and
 * written to the URL. Provided by the analytics route; the section's shell binds it to its route.
 */
@Injectable()
export class AnalyticsFilters {
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspaceService);
  private readonly _state = signal<FilterState>(readFilters(convertToParamMap({})));
  private readonly _version = signal(0);

  readonly state = this._state.asReadonly();
  readonly compare = computed(() => this._state().compare);
  readonly zone = computed(() => this.workspaces.current()?.timeZone ?? 'UTC');
  /** Bumped when the data behind the pages changed (demo history loaded, a sync finished). */
  readonly version = this._version.asReadonly();

  readonly range = computed(() => {
    const s = this._state();
    return resolveRange(s.preset, this.zone(), { from: s.from ?? undefined, to: s.to ?? undefined });
  });

  /** What every read of the section sends. */
  readonly query = computed<AnalyticsQuery>(() => ({
    ...this.range(),
    accounts: this._state().accounts,
    networks: this._state().networks,
  }));

  /** Follows the URL of the section's route (called once, by its shell). */
  bind(route: ActivatedRoute, destroyRef: DestroyRef): void {
    route.queryParamMap
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((params) => this._state.set(readFilters(params)));
  }

  /** Changes some filters; the URL changes with them (replacing the entry: a filter is not a page). */
  async update(change: Partial<FilterState>): Promise<void> {
    const next = { ...this._state(), ...change };
    if (change.preset === 'custom' && (!next.from || !next.to)) Object.assign(next, this.range());
    // No relativeTo: the empty command keeps the current page's path (relative to the section's
    // route it would go to the section's root, i.e. back to the overview).
    await this.router.navigate([], {
      queryParams: filterParams(next),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** Tells the pages to read again. */
  refresh(): void {
    this._version.update((v) => v + 1);
  }
}
