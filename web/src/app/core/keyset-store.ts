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

  /** null until the first page arrives. */
  readonly items = this._items.asReadonly();
  readonly loading = this._loading.asReadonly();
  readonly error = this._error.asReadonly();
  readonly hasMore = computed(() => this._cursor() !== null);

  protected abstract fetchPage(cursor: string | null): Promise<Page<T>>;

  async loadFirst(): Promise<void> {
    this._items.set(null);
    this._cursor.set(null);
    await this.loadMore();
  }

  async loadMore(): Promise<void> {
    if (this._loading()) return;
    this._loading.set(true);
    this._error.set(null);
    try {
      const page = await this.fetchPage(this._cursor());
      this._items.update((items) => [...(items ?? []), ...page.items]);
      this._cursor.set(page.nextCursor);
    } catch (error) {
      this._error.set(problemText(error));
      this._items.update((items) => items ?? []);
    } finally {
      this._loading.set(false);
    }
  }
}
