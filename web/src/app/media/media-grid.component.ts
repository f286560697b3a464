import { ChangeDetectionStrategy, Component, ElementRef, inject, input, output } from '@angular/core';
import { IconComponent } from '../shared/icon.component';
import { summary } from './media-format';
import type { LibraryItem } from './media.types';

/**
 * The library's thumbnails. Each tile is a button: Enter or a click opens it (or, when picking,
 * selects it), Delete asks to delete it, the arrow keys move between tiles, Home/End jump.
 */
@Component({
  selector: 'so-media-grid',
  imports: [IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="media-tiles" [attr.aria-label]="label()" (keydown)="move($event)">
      @for (item of items(); track item.id) {
        <li>
          <button
            type="button"
            class="tile"
            [attr.data-media]="item.id"
            [attr.aria-pressed]="picking() ? selected().includes(item.id) : null"
            [attr.aria-label]="item.fileName + ', ' + describe(item) + (item.favourite ? ', favourite' : '')"
            [title]="item.fileName"
            (click)="open.emit(item)"
            (keydown.delete)="remove.emit(item)"
          >
            <span class="thumb">
              @if (item.thumbnailUrl || item.kind === 'image' || item.kind === 'gif') {
                <img [src]="item.thumbnailUrl ?? item.url" alt="" loading="lazy" />
              } @else {
                <so-icon [name]="item.kind === 'video' ? 'film' : 'file-text'" [size]="32" />
              }
              @if (item.kind === 'video' || item.kind === 'gif') {
                <span class="badge">{{ item.kind === 'gif' ? 'GIF' : 'Video' }}</span>
              }
              @if (picking() && selected().includes(item.id)) {
                <span class="picked"><so-icon name="check" [size]="18" /></span>
              }
            </span>
            <span class="name">
              @if (item.favourite) {
                <so-icon class="fav" name="star" [size]="12" />
              }
              {{ item.fileName }}
            </span>
          </button>
        </li>
      }
    </ul>
  `,
  styles: `
    .media-tiles {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
      gap: 0.8rem;
    }
    .tile {
      display: flex;
      flex-direction: column;
      align-items: stretch;
      width: 100%;
      padding: 0.4rem;
      gap: 0.35rem;
      font-weight: 500;
      text-align: left;
    }
    .tile[aria-pressed='true'] {
      border-color: var(--primary);
      background: var(--primary-soft);
    }
    .thumb {
      position: relative;
      display: grid;
      place-items: center;
      aspect-ratio: 1;
      border-radius: 6px;
      background: var(--bg);
      color: var(--muted);
      overflow: hidden;
    }
    .thumb img {
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .badge {
      position: absolute;
      left: 0.3rem;
      bottom: 0.3rem;
      padding: 0 0.35rem;
      border-radius: 4px;
      background: rgba(15, 23, 42, 0.7);
      color: #fff;
      font-size: 0.72rem;
    }
    .picked {
      position: absolute;
      top: 0.3rem;
      right: 0.3rem;
      display: grid;
      place-items: center;
      width: 1.6rem;
      height: 1.6rem;
      border-radius: 50%;
      background: var(--primary);
      color: #fff;
    }
    .name {
      font-size: 0.82rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .fav {
      color: #d97706;
      vertical-align: -1px;
    }
    .fav ::ng-deep svg {
      fill: currentColor;
    }
  `,
})
export class MediaGridComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  readonly items = input.required<LibraryItem[]>();
  readonly label = input('Media');
  /** Tiles toggle a selection instead of opening. */
  readonly picking = input(false);
  readonly selected = input<string[]>([]);
  readonly open = output<LibraryItem>();
  readonly remove = output<LibraryItem>();
  readonly describe = summary;

  /** Arrow keys across the grid: up and down go to the tile in the same column of the next row. */
  move(event: KeyboardEvent): void {
    const tiles = Array.from(this.host.querySelectorAll<HTMLElement>('.tile'));
    const from = tiles.indexOf(event.target as HTMLElement);
    if (from < 0) return;
    const columns = tiles.filter((t) => t.offsetTop === tiles[0].offsetTop).length || 1;
    const to = {
      ArrowRight: from + 1,
      ArrowLeft: from - 1,
      ArrowDown: from + columns,
      ArrowUp: from - columns,
      Home: 0,
      End: tiles.length - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    tiles[Math.max(0, Math.min(tiles.length - 1, to))].focus();
  }
}
