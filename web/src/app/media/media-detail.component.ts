import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { BannerComponent } from '../shared/banner.component';
import { WhenPipe } from '../shared/format';
import { IconComponent } from '../shared/icon.component';
import { CopyToWorkspaceComponent } from './copy-to-workspace.component';
import { duration, fileSize, KIND_LABELS } from './media-format';
import { MediaApi } from './media.api';
import type { LibraryItem, LibraryItemDetail, MediaFolder, MediaPatch } from './media.types';
import { TagEditorComponent } from './tag-editor.component';

const STATE_TEXT: Partial<Record<string, string>> = {
  draft: 'Draft',
  pending_approval: 'Awaiting approval',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
};

/** One item: its facts, where it is used, and what can be done to it (rename, file, tag, star, edit, copy, delete). */
@Component({
  selector: 'so-media-detail',
  imports: [
    FormsModule,
    RouterLink,
    BannerComponent,
    CopyToWorkspaceComponent,
    IconComponent,
    TagEditorComponent,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-banner [message]="error()" />
    @if (detail(); as d) {
      <div class="media-detail">
        <div class="preview">
          @switch (d.kind) {
            @case ('video') {
              <video [src]="d.url" controls preload="metadata" [attr.aria-label]="d.fileName"></video>
            }
            @case ('document') {
              <a [href]="d.url" target="_blank" rel="noopener">Open the PDF</a>
            }
            @default {
              <img [src]="d.url" [alt]="d.fileName" />
            }
          }
        </div>
        <div class="info">
          <dl class="facts" data-testid="media-facts">
            <dt>Type</dt>
            <dd>
              {{ kinds[d.kind] }} <span class="muted small">({{ d.mimeType }})</span>
            </dd>
            <dt>Size</dt>
            <dd>{{ size(d.bytes) }}</dd>
            @if (d.width && d.height) {
              <dt>Dimensions</dt>
              <dd data-testid="media-dimensions">{{ d.width }} × {{ d.height }} pixels</dd>
            }
            @if (d.durationSeconds) {
              <dt>Duration</dt>
              <dd>{{ length(d.durationSeconds) }}</dd>
            }
            @if (d.pages) {
              <dt>Pages</dt>
              <dd>{{ d.pages }}</dd>
            }
            <dt>Uploaded</dt>
            <dd>{{ d.createdAt | when }}{{ d.uploadedBy ? ' by ' + d.uploadedBy.name : '' }}</dd>
            @if (d.derivedFromId) {
              <dt>Made from</dt>
              <dd><a [routerLink]="[]" [queryParams]="{ item: d.derivedFromId }">the original</a></dd>
            }
          </dl>

          <button
            type="button"
            class="small"
            [attr.aria-pressed]="d.favourite"
            [disabled]="!canWrite()"
            (click)="save({ favourite: !d.favourite })"
          >
            <so-icon name="star" [class.filled]="d.favourite" />
            {{ d.favourite ? 'Favourite' : 'Add to favourites' }}
          </button>

          @if (canWrite()) {
            <form class="inline-form" (ngSubmit)="rename()">
              <div class="grow">
                <label for="media-name">File name</label>
                <input id="media-name" name="fileName" [(ngModel)]="fileName" maxlength="255" required />
              </div>
              <button type="submit" class="small" [disabled]="fileName.trim() === d.fileName">Rename</button>
            </form>
            <label for="media-folder">Folder</label>
            <select
              id="media-folder"
              name="folder"
              [ngModel]="d.folderId ?? ''"
              (ngModelChange)="save({ folderId: $event || null })"
            >
              <option value="">Not in a folder</option>
              @for (f of folders(); track f.id) {
                <option [value]="f.id">{{ f.name }}</option>
              }
            </select>
          }

          <h3>Tags</h3>
          <so-tag-editor
            [tags]="d.tags"
            [known]="knownTags()"
            [editable]="canWrite()"
            (changed)="save({ tags: $event })"
          />

          <h3>Used in</h3>
          @if (d.usage.length) {
            <ul class="usage" data-testid="media-usage">
              @for (u of d.usage; track u.postId) {
                <li>
                  <a [routerLink]="['/w', workspaceId(), 'posts', u.postId]">{{ u.excerpt || '(no text)' }}</a>
                  <span class="muted small">
                    · {{ stateText[u.state] ?? u.state }}{{ u.scheduledAt ? ', ' + (u.scheduledAt | when) : '' }}</span
                  >
                </li>
              }
            </ul>
          } @else {
            <p class="muted">Not used in any post yet.</p>
          }

          <div class="button-row">
            @if (canWrite() && d.kind === 'image') {
              <button type="button" (click)="editing.emit(d)"><so-icon name="crop" /> Edit…</button>
            }
            @if (canWrite()) {
              <so-copy-to-workspace [item]="d" />
            }
            <a class="button" [href]="d.url" target="_blank" rel="noopener">Open file</a>
            @if (canWrite()) {
              <button type="button" class="danger" (click)="deleting.emit(d)">Delete…</button>
            }
          </div>
        </div>
      </div>
    } @else if (!error()) {
      <p class="muted" role="status">Loading…</p>
    }
  `,
  styles: `
    .media-detail {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 1fr);
      gap: 1.2rem;
    }
    @media (max-width: 800px) {
      .media-detail {
        grid-template-columns: 1fr;
      }
    }
    .preview {
      display: grid;
      place-items: center;
      background: var(--bg);
      border-radius: var(--radius);
      min-height: 12rem;
    }
    .preview img,
    .preview video {
      max-width: 100%;
      max-height: 60vh;
    }
    h3 {
      font-size: 0.95rem;
      margin: 1rem 0 0.3rem;
    }
    .usage {
      padding-left: 1.1rem;
      margin: 0;
    }
    .button-row {
      margin-top: 1.2rem;
    }
    .filled {
      color: #d97706;
    }
    .filled ::ng-deep svg {
      fill: currentColor;
    }
  `,
})
export class MediaDetailComponent {
  private readonly api = inject(MediaApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly itemId = input.required<string>();
  readonly folders = input<MediaFolder[]>([]);
  readonly knownTags = input<string[]>([]);
  /** The item as read, for the dialog's heading. */
  readonly loaded = output<LibraryItem>();
  /** The item as changed here (for the grid). */
  readonly changed = output<LibraryItem>();
  readonly editing = output<LibraryItem>();
  readonly deleting = output<LibraryItem>();
  readonly detail = signal<LibraryItemDetail | null>(null);
  readonly error = signal<string | null>(null);
  readonly canWrite = computed(() => this.workspaces.can('media:write'));
  readonly workspaceId = this.workspaces.currentId;
  readonly kinds = KIND_LABELS;
  readonly stateText = STATE_TEXT;
  readonly size = fileSize;
  readonly length = duration;
  fileName = '';

  constructor() {
    effect(() => void this.load(this.itemId()));
  }

  async rename(): Promise<void> {
    const name = this.fileName.trim();
    if (name) await this.save({ fileName: name });
  }

  async save(patch: MediaPatch): Promise<void> {
    const current = this.detail();
    if (!current) return;
    this.error.set(null);
    try {
      const item = await this.api.update(current.id, patch);
      this.detail.set({ ...item, usage: current.usage });
      this.fileName = item.fileName;
      this.loaded.emit(item);
      this.changed.emit(item);
    } catch (error) {
      this.error.set(problemText(error));
      this.fileName = current.fileName;
    }
  }

  private async load(id: string): Promise<void> {
    this.detail.set(null);
    this.error.set(null);
    try {
      const detail = await this.api.get(id);
      this.detail.set(detail);
      this.fileName = detail.fileName;
      this.loaded.emit(detail);
    } catch (error) {
      this.error.set(problemText(error));
    }
  }
}
