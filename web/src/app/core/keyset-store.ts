import { computed, signal } from '@angular/core';
import type { Page } from './api.types';
import { problemText } from './form-errors';

/**
 * A newest-first list read page by page with the API's keyset cursor ("Load more"). Subclasses say
 * how to fetch one page; the state is private, the views read-only.
 */
export abstract class KeysetStore<T> {
  private readonly _items = signal<T[] | null>(null);
  private readonly _cursor = signal<string | null>(null);
  private readonly _loading = signal(false);
  private readonly _error = signal<string | null>(null);
  /** Bumped by each first page: a page of an older request (e.g. before the filter changed) is dropped. */
  private generation = 0;

  /** null until the first page arrives. */
  readonly items = this._items.asReadonly();
  readonly loading = this._loading.asReadonly();
  readonly error = this._error.asReadonly();
  readonly hasMore = computed(() => this._cursor() !== null);

  protected abstract fetchPage(cursor: string | null): Promise<Page<T>>;

  /** Starts over (e.g. with another filter), even while a page is still loading. */
  async loadFirst(): Promise<void> {
    this.generation++;
    this._items.set(null);
    this._cursor.set(null);
    this._loading.set(false);
    await this.loadMore();
  }

  /** Changes the loaded items in place (an item added, edited or removed here), keeping the cursor. */
  protected updateItems(change: (items: T[]) => T[]): void {
    this._items.update((items) => (items === null ? null : change(items)));
  }

  async loadMore(): Promise<void> {
    if (this._loading()) return;
    const generation = this.generation;
    this._loading.set(true);
    this._error.set(null);
    try {
      const page = await this.fetchPage(this._cursor());
      if (generation !== this.generation) return;
      this._items.update((items) => [...(items ?? []), ...page.items]);
      this._cursor.set(page.nextCursor);
    } catch (error) {
      if (generation !== this.generation) return;
      this._error.set(problemText(error));
      this._items.update((items) => items ?? []);
    } finally {
      if (generation === this.generation) this._loading.set(false);
    }
  }
}
