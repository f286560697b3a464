import { computed, inject, Injectable, OnDestroy, signal } from '@angular/core';
import type { NetworkId } from '../../core/api.types';
import { problemText } from '../../core/form-errors';
import { AnalyticsApi, type AnalyticsQuery } from '../analytics.api';
import { type CompetitorRow, CompetitorsApi, type CompetitorTable } from './competitors.api';
import type { GrowthLine } from './follower-growth';

/** How long a removed competitor can be brought back: its history is deleted once this passes. */
const UNDO_MS = 8_000;

/**
 * State of the Competitors page: the comparison table, each account's followers over the period
 * (competitors' and the workspace's own), and removals that wait a few seconds so they can be undone
 * (removing deletes a competitor's history, so it is only sent once the chance to undo has passed).
 * Provided by the page; leaving the page sends the removals still waiting.
 */
@Injectable()
export class CompetitorsStore implements OnDestroy {
  private readonly api = inject(CompetitorsApi);
  private readonly analytics = inject(AnalyticsApi);
  private readonly _table = signal<CompetitorTable | null>(null);
  private readonly _growth = signal<GrowthLine[]>([]);
  private readonly _removing = signal<CompetitorRow[]>([]);
  private readonly _error = signal<string | null>(null);
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private query: AnalyticsQuery | null = null;
  private loads = 0;

  /** null while loading. */
  readonly table = this._table.asReadonly();
  /** Competitors shown: those removed a moment ago are hidden while they can still be undone. */
  readonly competitors = computed(() => {
    const removing = new Set(this._removing().map((r) => r.id));
    return this._table()?.items.filter((c) => !removing.has(c.id)) ?? [];
  });
  readonly own = computed(() => this._table()?.own ?? []);
  readonly growth = computed(() => {
    const removing = new Set(this._removing().map((r) => r.id));
    return this._growth().filter((line) => !removing.has(line.id));
  });
  /** Removed a moment ago; "Undo" brings each back. */
  readonly removing = this._removing.asReadonly();
  readonly error = this._error.asReadonly();

  async load(query: AnalyticsQuery): Promise<void> {
    this.query = query;
    const load = ++this.loads;
    try {
      const table = await this.api.table(query);
      if (load !== this.loads) return;
      this._table.set(table);
      this._error.set(null);
      const growth = await this.growthOf(table, query);
      if (load === this.loads) this._growth.set(growth);
    } catch (error) {
      if (load === this.loads) this._error.set(problemText(error));
    }
  }

  /** Starts tracking a public account; rejects with the API's error so the form can show it by field. */
  async add(network: NetworkId, handle: string): Promise<CompetitorRow> {
    const { competitor } = await this.api.add(network, handle);
    if (this.query) await this.load(this.query);
    return competitor;
  }

  /** Hides the competitor at once; its removal is sent when the undo window closes. */
  remove(row: CompetitorRow): void {
    this._removing.update((list) => [...list, row]);
    this.timers.set(
      row.id,
      setTimeout(() => void this.send(row), UNDO_MS),
    );
  }

  undo(row: CompetitorRow): void {
    clearTimeout(this.timers.get(row.id));
    this.timers.delete(row.id);
    this._removing.update((list) => list.filter((r) => r.id !== row.id));
  }

  ngOnDestroy(): void {
    for (const row of this._removing()) void this.send(row);
  }

  private async send(row: CompetitorRow): Promise<void> {
    clearTimeout(this.timers.get(row.id));
    this.timers.delete(row.id);
    try {
      await this.api.remove(row.id);
      this._table.update((t) => t && { ...t, items: t.items.filter((c) => c.id !== row.id) });
      this._growth.update((lines) => lines.filter((line) => line.id !== row.id));
    } catch (error) {
      this._error.set(`@${row.handle} could not be removed: ${problemText(error)}`);
    } finally {
      this._removing.update((list) => list.filter((r) => r.id !== row.id));
    }
  }

  /** Followers per day of every account in the table: competitors' days and the own accounts' series. */
  private async growthOf(table: CompetitorTable, query: AnalyticsQuery): Promise<GrowthLine[]> {
    const competitors = table.items.map(async (row) => ({
      id: row.id,
      kind: row.kind,
      label: `@${row.handle}`,
      network: row.network,
      days: (await this.api.detail(row.id, query)).series,
    }));
    const own = table.own.map(async (row) => ({
      id: row.id,
      kind: row.kind,
      label: row.name,
      network: row.network,
      days: (await this.analytics.account(row.id, query)).series,
    }));
    return Promise.all([...competitors, ...own]);
  }
}
