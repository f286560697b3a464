import { inject, Injectable, signal } from '@angular/core';
import type { Page } from '../core/api.types';
import { KeysetStore } from '../core/keyset-store';
import { MediaApi } from './media.api';
import type { LibraryItem, MediaFilter } from './media.types';

/** One view of the library (the page's, or a picker's): its filter and the items found, newest first. */
@Injectable()
export class MediaLibraryStore extends KeysetStore<LibraryItem> {
  private readonly api = inject(MediaApi);
  private readonly _filter = signal<MediaFilter>({});
  readonly filter = this._filter.asReadonly();

  search(filter: MediaFilter): Promise<void> {
    this._filter.set(filter);
    return this.loadFirst();
  }

  /** A new item (uploaded or edited here) at the top, when it fits the filter as far as we can tell. */
  added(item: LibraryItem): void {
    const f = this._filter();
    const fits = (!f.folderId || f.folderId === (item.folderId ?? 'root')) && !f.favourite && !f.tag && !f.q;
    if (fits) this.updateItems((items) => [item, ...items.filter((i) => i.id !== item.id)]);
  }

  changed(item: LibraryItem): void {
    this.updateItems((items) => items.map((i) => (i.id === item.id ? item : i)));
  }

  removed(id: string): void {
    this.updateItems((items) => items.filter((i) => i.id !== id));
  }

  protected fetchPage(cursor: string | null): Promise<Page<LibraryItem>> {
    return this.api.list(this._filter(), cursor);
  }
}
