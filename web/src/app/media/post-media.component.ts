import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WorkspaceService } from '../core/workspace.service';
import { IconComponent } from '../shared/icon.component';
import { MediaApi } from './media.api';
import type { LibraryItem } from './media.types';

/** A post's media as thumbnails, each opening the item in the library. */
@Component({
  selector: 'so-post-media',
  imports: [IconComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (mediaIds().length) {
      <h2>Media</h2>
      <ul class="post-media" aria-label="Media">
        @for (id of mediaIds(); track id) {
          <li>
            @if (items()[id]; as m) {
              <a [routerLink]="['/w', workspaceId(), 'media']" [queryParams]="{ item: m.id }" [title]="m.fileName">
                @if (m.thumbnailUrl || m.kind === 'image' || m.kind === 'gif') {
                  <img [src]="m.thumbnailUrl ?? m.url" [alt]="m.fileName" />
                } @else {
                  <span class="placeholder">
                    <so-icon [name]="m.kind === 'video' ? 'film' : 'file-text'" [size]="28" [label]="m.fileName" />
                  </span>
                }
              </a>
            } @else if (items()[id] === null) {
              <span class="placeholder muted small">Removed from the library</span>
            } @else {
              <span class="placeholder muted small" role="status">Loading…</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .post-media {
      list-style: none;
      padding: 0;
      margin: 0 0 1.25rem;
      display: flex;
      flex-wrap: wrap;
      gap: 0.6rem;
    }
    img,
    .placeholder {
      display: grid;
      place-items: center;
      width: 112px;
      height: 112px;
      object-fit: cover;
      border-radius: 8px;
      border: 1px solid var(--border);
      background: var(--bg);
      text-align: center;
    }
  `,
})
export class PostMediaComponent {
  private readonly api = inject(MediaApi);
  private readonly workspaces = inject(WorkspaceService);
  /** Every media id of the post's variants, in order, each once. */
  readonly mediaIds = input.required<string[]>();
  /** By id: the item, null when it is gone, absent while loading. */
  readonly items = signal<Partial<Record<string, LibraryItem | null>>>({});
  readonly workspaceId = this.workspaces.currentId;
  private readonly requested = new Set<string>();

  constructor() {
    effect(() => {
      for (const id of this.mediaIds()) {
        if (this.requested.has(id)) continue;
        this.requested.add(id);
        this.api.get(id).then(
          (item) => this.items.update((all) => ({ ...all, [id]: item })),
          () => this.items.update((all) => ({ ...all, [id]: null })),
        );
      }
    });
  }
}
