import { ChangeDetectionStrategy, Component, computed, inject, model, viewChild } from '@angular/core';
import type { MediaItem } from '../core/api.types';
import { IconComponent } from '../shared/icon.component';
import { DropZoneComponent } from './drop-zone.component';
import { MediaPickerComponent } from './media-picker.component';
import { UploadProgressComponent } from './upload-progress.component';
import { UploadQueue } from './upload-queue';

/**
 * A post's media in the composer: files dropped or chosen are uploaded to the library (a progress
 * bar each) and attached; "Pick from library…" attaches items already there.
 */
@Component({
  selector: 'so-composer-media',
  imports: [DropZoneComponent, IconComponent, MediaPickerComponent, UploadProgressComponent],
  providers: [UploadQueue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="field-label">Media</p>
    <so-drop-zone label="Attach media" [library]="true" (files)="upload($event)" (pick)="picker().open()" />
    <so-upload-progress [tasks]="uploads.tasks()" (dismiss)="uploads.dismiss($event)" />
    @if (media().length) {
      <ul class="media-list" aria-label="Attached media">
        @for (m of media(); track m.id; let i = $index) {
          <li>
            @if (m.kind === 'video' && !m.thumbnailUrl) {
              <so-icon name="film" [size]="24" />
            } @else if (m.kind !== 'document') {
              <img [src]="m.thumbnailUrl ?? m.url" alt="" />
            } @else {
              <so-icon name="file-text" [size]="24" />
            }
            {{ m.fileName }}
            @if (i > 0) {
              <button
                type="button"
                class="small ghost"
                (click)="moveUp(i)"
                [attr.aria-label]="'Move ' + m.fileName + ' earlier'"
              >
                Earlier
              </button>
            }
            <button type="button" class="small" (click)="detach(m)" [attr.aria-label]="'Remove ' + m.fileName">
              Remove
            </button>
          </li>
        }
      </ul>
    }
    <so-media-picker [attached]="ids()" (picked)="attach($event)" />
  `,
  styles: `
    .field-label {
      font-weight: 600;
      margin: 0.9rem 0 0.3rem;
    }
  `,
})
export class ComposerMediaComponent {
  readonly uploads = inject(UploadQueue);
  readonly media = model.required<MediaItem[]>();
  readonly picker = viewChild.required(MediaPickerComponent);
  readonly ids = computed(() => this.media().map((m) => m.id));

  async upload(files: File[]): Promise<void> {
    // Attached in the order the files were given, whichever finished first.
    this.attach(await this.uploads.add(files));
    this.uploads.clearDone();
  }

  attach(items: MediaItem[]): void {
    this.media.update((list) => [...list, ...items.filter((i) => !list.some((m) => m.id === i.id))]);
  }

  detach(item: MediaItem): void {
    this.media.update((list) => list.filter((m) => m.id !== item.id));
  }

  /** The first item leads the post on most networks: the order is the person's to choose. */
  moveUp(index: number): void {
    this.media.update((list) => {
      const next = [...list];
      [next[index - 1], next[index]] = [next[index], next[index - 1]];
      return next;
    });
  }
}
