import { computed, inject, Injectable, signal } from '@angular/core';
import { problemText } from '../../core/form-errors';
import type { AnalyticsQuery } from '../analytics.api';
import { type HashtagRow, type HashtagSort, HashtagsApi } from './hashtags.api';

/** How many hashtags the table lists: the best by the chosen column (the CSV has them all). */
const TABLE_ROWS = 100;
/** The chart shows the ten best by engagement, whatever the table is sorted by. */
const CHART_ROWS = 10;

/**
 * State of the Hashtags page: the table in its chosen order, the ten best by engagement for the
 * chart, and which rows show their top posts. The API picks the best 100 by the chosen column (so
 * "the best by reach" really are those); lowest first turns that list round here, hashtags without
 * the figure staying last. Provided by the page.
 */
@Injectable()
export class HashtagsStore {
  private readonly api = inject(HashtagsApi);
  private readonly _rows = signal<HashtagRow[] | null>(null);
  private readonly _top = signal<HashtagRow[]>([]);
  private readonly _sort = signal<{ column: HashtagSort; order: 'asc' | 'desc' }>({
    column: 'engagement',
    order: 'desc',
  });
  private readonly _expanded = signal<ReadonlySet<string>>(new Set());
  private readonly _error = signal<string | null>(null);
  /** The newest load wins: an answer to an older filter is dropped. */
  private loads = 0;

  /** null while loading. */
  readonly rows = computed(() => {
    const rows = this._rows();
    const { column, order } = this._sort();
    if (!rows || order === 'desc') return rows;
    const known = rows.filter((r) => r[column] !== null);
    return [...known.reverse(), ...rows.filter((r) => r[column] === null)];
  });
  readonly top = this._top.asReadonly();
  readonly sort = this._sort.asReadonly();
  readonly expanded = this._expanded.asReadonly();
  readonly error = this._error.asReadonly();

  async load(query: AnalyticsQuery): Promise<void> {
    const load = ++this.loads;
    const { column } = this._sort();
    try {
      const [rows, top] = await Promise.all([
        this.api.list(query, column, TABLE_ROWS),
        this.api.list(query, 'engagement', CHART_ROWS),
      ]);
      if (load !== this.loads) return;
      this._rows.set(rows);
      this._top.set(top);
      this._error.set(null);
    } catch (error) {
      if (load === this.loads) this._error.set(problemText(error));
    }
  }

  /** The column the API sorts by (the order is applied here): a change of it reads again. */
  readonly column = computed(() => this._sort().column);

  /** A column clicked: sort by it, best first; clicked again, the other way round. */
  sortBy(column: HashtagSort): void {
    this._sort.update((s) => ({ column, order: s.column === column && s.order === 'desc' ? 'asc' : 'desc' }));
  }

  toggle(tag: string): void {
    this._expanded.update((open) => {
      const next = new Set(open);
      if (!next.delete(tag)) next.add(tag);
      return next;
    });
  }
}
