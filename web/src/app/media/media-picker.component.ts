import { ChangeDetectionStrategy, Component, inject, input, output, signal, viewChild } from '@angular/core';
import { DialogComponent } from '../shared/dialog.component';
import { MediaFiltersComponent } from './media-filters.component';
import { MediaGridComponent } from './media-grid.component';
import { MediaLibraryStore } from './media-library.store';
import { MediaApi } from './media.api';
import type { LibraryItem, MediaFilter, TagCount } from './media.types';

/** The library in a dialog: search it, select several items, add them (to a post). */
@Component({
  selector: 'so-media-picker',
  imports: [DialogComponent, MediaFiltersComponent, MediaGridComponent],
  providers: [MediaLibraryStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-dialog heading="Pick from the library" (closed)="selected.set([])">
      <div class="picker">
        <so-media-filters [filter]="store.filter()" [tags]="tags()" (changed)="store.search($event)" />
        @if (store.error()) {
          <p class="banner" role="alert">{{ store.error() }}</p>
        }
        @if (store.items(); as items) {
          @if (items.length) {
            <so-media-grid
              label="Library"
              [items]="items"
              [picking]="true"
              [selected]="selectedIds()"
              (open)="toggle($event)"
            />
            @if (store.hasMore()) {
              <button type="button" class="small load-more" (click)="store.loadMore()" [disabled]="store.loading()">
                {{ store.loading() ? 'Loading…' : 'Load more' }}
              </button>
            }
          } @else if (!store.error()) {
            <p class="empty muted">
              {{
                filtered()
                  ? 'Nothing matches this search.'
                  : 'The library is empty: drop files on the composer to upload them.'
              }}
            </p>
          }
        } @else {
          <p class="muted" role="status">Loading the library…</p>
        }
      </div>
      <div class="actions">
        <span class="muted small grow">{{ selected().length }} selected</span>
        <button type="button" (click)="dialog().close()">Cancel</button>
        <button type="button" class="primary" [disabled]="!selected().length" (click)="add()">
          Add {{ selected().length || '' }} to the post
        </button>
      </div>
    </so-dialog>
  `,
  styles: `
    :host ::ng-deep dialog {
      max-width: 960px;
    }
    .picker {
      max-height: 65vh;
      overflow-y: auto;
      padding: 0.2rem;
    }
    .load-more {
      margin-top: 0.8rem;
    }
    .grow {
      flex: 1;
      align-self: center;
    }
  `,
})
export class MediaPickerComponent {
  private readonly api = inject(MediaApi);
  readonly store = inject(MediaLibraryStore);
  /** Items already in the post: shown selected, so they are not added twice. */
  readonly attached = input<string[]>([]);
  readonly picked = output<LibraryItem[]>();
  readonly dialog = viewChild.required(DialogComponent);
  readonly selected = signal<LibraryItem[]>([]);
  readonly tags = signal<TagCount[]>([]);

  selectedIds(): string[] {
    return [...this.attached(), ...this.selected().map((i) => i.id)];
  }

  filtered(): boolean {
    return Object.keys(this.store.filter()).length > 0;
  }

  async open(filter: MediaFilter = {}): Promise<void> {
    this.selected.set([]);
    this.dialog().open();
    this.api.tags().then(
      (tags) => this.tags.set(tags),
      () => this.tags.set([]),
    );
    await this.store.search(filter);
  }

  toggle(item: LibraryItem): void {
    if (this.attached().includes(item.id)) return;
    this.selected.update((list) =>
      list.some((i) => i.id === item.id) ? list.filter((i) => i.id !== item.id) : [...list, item],
    );
  }

  add(): void {
    this.picked.emit(this.selected());
    this.dialog().close();
  }
}
