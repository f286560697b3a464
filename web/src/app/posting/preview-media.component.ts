import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { MediaItem } from '../core/api.types';
import { IconComponent } from '../shared/icon.component';

/**
 * Attached media as a feed shows them: a grid of up to four (the rest as "+N"), or a carousel
 * swiped one at a time with its position; videos as their thumbnail with a play mark, documents
 * as a first page.
 */
@Component({
  selector: 'so-preview-media',
  imports: [NgTemplateOutlet, IconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (layout() === 'carousel') {
      <div class="carousel" role="region" tabindex="0" aria-label="Carousel" (scroll)="onScroll($any($event.target))">
        @for (m of media(); track m.id) {
          <div class="slide">
            <ng-container *ngTemplateOutlet="tile; context: { $implicit: m }" />
          </div>
        }
      </div>
      <div class="dots" aria-hidden="true">
        @for (m of media(); track m.id) {
          <span [class.on]="$index === current()"></span>
        }
      </div>
      <span class="counter">{{ current() + 1 }}/{{ media().length }}</span>
    } @else {
      <div class="grid" [attr.data-count]="shown().length">
        @for (m of shown(); track m.id) {
          <div class="cell">
            <ng-container *ngTemplateOutlet="tile; context: { $implicit: m }" />
            @if ($last && media().length > 4) {
              <span class="more">+{{ media().length - 4 }}</span>
            }
          </div>
        }
      </div>
    }
    <ng-template #tile let-m>
      @switch (m.kind) {
        @case ('video') {
          <div class="video">
            @if (m.thumbnailUrl) {
              <img [src]="m.thumbnailUrl" [alt]="m.fileName" />
            }
            <span class="play"><so-icon name="play" [size]="22" /></span>
          </div>
        }
        @case ('document') {
          <div class="document">
            @if (m.thumbnailUrl) {
              <img [src]="m.thumbnailUrl" [alt]="m.fileName" />
            } @else {
              <so-icon name="file-text" [size]="32" />
            }
            <span>{{ m.fileName }}</span>
          </div>
        }
        @default {
          <img [src]="m.thumbnailUrl ?? m.url" [alt]="m.fileName" />
        }
      }
    </ng-template>
  `,
  styles: `
    :host {
      display: block;
      position: relative;
      margin-top: 0.6rem;
    }
    img {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .grid {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 2px;
      border-radius: var(--preview-radius, 12px);
      overflow: hidden;
    }
    .grid[data-count='1'] {
      grid-template-columns: 1fr;
    }
    .grid[data-count='3'] .cell:first-child {
      grid-row: span 2;
    }
    .cell {
      position: relative;
      aspect-ratio: var(--preview-ratio, 1);
      background: var(--bg);
    }
    .grid[data-count='1'] .cell {
      aspect-ratio: var(--preview-single-ratio, 1.2);
    }
    .more {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      background: rgb(0 0 0 / 0.45);
      color: #fff;
      font-size: 1.6rem;
      font-weight: 600;
    }
    .carousel {
      display: flex;
      overflow-x: auto;
      scroll-snap-type: x mandatory;
      border-radius: var(--preview-radius, 12px);
      scrollbar-width: none;
    }
    .slide {
      flex: 0 0 100%;
      scroll-snap-align: start;
      aspect-ratio: var(--preview-ratio, 1);
    }
    .counter {
      position: absolute;
      top: 0.5rem;
      right: 0.5rem;
      background: rgb(0 0 0 / 0.6);
      color: #fff;
      border-radius: 999px;
      padding: 0.1rem 0.5rem;
      font-size: 0.75rem;
    }
    .dots {
      display: flex;
      justify-content: center;
      gap: 4px;
      margin-top: 0.4rem;
    }
    .dots span {
      width: 6px;
      height: 6px;
      border-radius: 50%;
      background: var(--border);
    }
    .dots .on {
      background: var(--preview-link, #1d9bf0);
    }
    .video,
    .document {
      position: relative;
      height: 100%;
      min-height: 8rem;
      background: #111;
      color: #fff;
      display: grid;
      place-items: center;
    }
    .video img {
      position: absolute;
      inset: 0;
    }
    .play {
      position: relative;
      display: grid;
      place-items: center;
      width: 3rem;
      height: 3rem;
      border-radius: 50%;
      background: rgb(0 0 0 / 0.55);
    }
    .document {
      background: #f3f4f6;
      color: var(--text);
      gap: 0.3rem;
      padding: 0.6rem;
      font-size: 0.8rem;
    }
  `,
})
export class PreviewMediaComponent {
  readonly media = input.required<MediaItem[]>();
  readonly layout = input<'grid' | 'carousel'>('grid');
  readonly current = signal(0);

  shown(): MediaItem[] {
    return this.media().slice(0, 4);
  }

  onScroll(strip: HTMLElement): void {
    this.current.set(Math.round(strip.scrollLeft / Math.max(1, strip.clientWidth)));
  }
}
