import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import type { Member } from '../core/api.types';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { TeamApi } from '../members/team.api';
import { BannerComponent } from '../shared/banner.component';
import { DialogComponent } from '../shared/dialog.component';
import { DropZoneComponent } from './drop-zone.component';
import { FolderChoice, FolderListComponent } from './folder-list.component';
import { MediaDeleteComponent } from './media-delete.component';
import { MediaDetailComponent } from './media-detail.component';
import { MediaEditorComponent } from './media-editor.component';
import { MediaFiltersComponent } from './media-filters.component';
import { MediaGridComponent } from './media-grid.component';
import { MediaLibraryStore } from './media-library.store';
import { MediaApi } from './media.api';
import type { LibraryItem, MediaFilter, MediaFolder, TagCount } from './media.types';
import { UploadProgressComponent } from './upload-progress.component';
import { UploadQueue } from './upload-queue';

/**
 * The workspace's media library: folders, search, the grid of thumbnails, uploads by drag and
 * drop; an item opens (`?item=<id>`) in a dialog with its details, editor, copy and delete.
 */
@Component({
  selector: 'so-media-library',
  imports: [
    BannerComponent,
    DialogComponent,
    DropZoneComponent,
    FolderListComponent,
    MediaDeleteComponent,
    MediaDetailComponent,
    MediaEditorComponent,
    MediaFiltersComponent,
    MediaGridComponent,
    UploadProgressComponent,
  ],
  providers: [MediaLibraryStore, UploadQueue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-head">
      <h1>Media library</h1>
    </div>
    <so-banner [message]="error()" />
    <div class="library">
      <aside>
        <so-folder-list
          [folders]="folders()"
          [current]="folder()"
          [canWrite]="canWrite()"
          (chosen)="chooseFolder($event)"
          (created)="createFolder($event)"
          (renamed)="renameFolder($event.folder, $event.name)"
          (removed)="removeFolder($event)"
        />
      </aside>
      <section aria-label="Files">
        @if (canWrite()) {
          <so-drop-zone label="Upload files to the library" (files)="upload($event)" />
          <so-upload-progress [tasks]="uploads.tasks()" (dismiss)="uploads.dismiss($event)" />
        }
        <so-media-filters [filter]="searchFilter()" [tags]="tags()" [members]="members()" (changed)="search($event)" />
        @if (store.error()) {
          <p class="banner" role="alert">{{ store.error() }}</p>
        }
        @if (store.items(); as items) {
          @if (items.length) {
            <p class="muted small">Enter opens a file, Delete deletes it, the arrow keys move between files.</p>
            <so-media-grid [items]="items" (open)="openItem($event)" (remove)="askDelete($event)" />
            @if (store.hasMore()) {
              <button type="button" class="load-more" (click)="store.loadMore()" [disabled]="store.loading()">
                {{ store.loading() ? 'Loading…' : 'Load more' }}
              </button>
            }
          } @else if (!store.error()) {
            <div class="empty card">
              @if (searching()) {
                <p>Nothing matches this search.</p>
                <button type="button" class="small" (click)="search({})">Clear the search</button>
              } @else if (folder()) {
                <p class="muted">This folder is empty. Drop files above, or move files here from their details.</p>
              } @else {
                <p><strong>No media yet.</strong></p>
                <p class="muted">
                  Drag images, GIFs, videos or PDFs onto the area above to upload them. Files you attach in the composer
                  land here too.
                </p>
              }
            </div>
          }
        } @else {
          <p class="muted" role="status">Loading the library…</p>
        }
      </section>
    </div>

    <so-dialog [heading]="dialogHeading()" (closed)="closeItem()">
      @if (item(); as id) {
        @if (editing(); as original) {
          <so-media-editor [item]="original" (created)="edited($event)" (cancelled)="editing.set(null)" />
        } @else {
          <so-media-detail
            [itemId]="id"
            [folders]="folders()"
            [knownTags]="tagNames()"
            (loaded)="openName.set($event.fileName)"
            (changed)="changed($event)"
            (editing)="editing.set($event)"
            (deleting)="askDelete($event)"
          />
          <div class="actions">
            <button type="button" (click)="detailDialog()?.close()">Close</button>
          </div>
        }
      }
    </so-dialog>
    <so-media-delete (deleted)="deleted($event)" />
  `,
  styles: `
    .library {
      display: grid;
      grid-template-columns: 13rem minmax(0, 1fr);
      gap: 1.4rem;
      align-items: start;
    }
    @media (max-width: 760px) {
      .library {
        grid-template-columns: 1fr;
      }
    }
    so-drop-zone {
      margin-bottom: 0.6rem;
    }
    .load-more {
      margin-top: 1rem;
    }
    :host ::ng-deep so-dialog dialog {
      max-width: 1000px;
    }
  `,
})
export class MediaLibraryPage {
  private readonly api = inject(MediaApi);
  private readonly team = inject(TeamApi);
  private readonly router = inject(Router);
  private readonly workspaces = inject(WorkspaceService);
  private readonly injector = inject(Injector);
  readonly store = inject(MediaLibraryStore);
  readonly uploads = inject(UploadQueue);
  /** The open item (query parameter `item`), so a link can open it. */
  readonly item = input<string>();
  readonly detailDialog = viewChild(DialogComponent);
  readonly deleteDialog = viewChild.required(MediaDeleteComponent);
  readonly folders = signal<MediaFolder[]>([]);
  readonly tags = signal<TagCount[]>([]);
  readonly members = signal<Member[]>([]);
  readonly error = signal<string | null>(null);
  /** The item being edited (the dialog shows the editor instead of the details). */
  readonly editing = signal<LibraryItem | null>(null);
  /** The open item's name, once its details are read. */
  readonly openName = signal('File');
  readonly canWrite = computed(() => this.workspaces.can('media:write'));
  readonly folder = computed<FolderChoice>(() => this.store.filter().folderId ?? '');
  /** The filter without the folder, which the folder list chooses. */
  readonly searchFilter = computed(() => {
    const { folderId: _folder, ...rest } = this.store.filter();
    return rest;
  });
  readonly searching = computed(() => Object.keys(this.searchFilter()).length > 0);
  readonly tagNames = computed(() => this.tags().map((t) => t.tag));
  readonly dialogHeading = computed(() => {
    const editing = this.editing();
    if (editing) return `Edit ${editing.fileName}`;
    return this.openName();
  });

  constructor() {
    // Everything is read again in another workspace (the page stays when the switcher changes it).
    effect(() => {
      if (this.workspaces.currentId()) untracked(() => void this.reload());
    });
    effect(() => {
      const id = this.item();
      untracked(() => {
        this.editing.set(null);
        // After the render: on a deep link the dialog is not there yet.
        afterNextRender(() => (id ? this.showDialog() : this.detailDialog()?.close()), { injector: this.injector });
      });
    });
  }

  async search(filter: MediaFilter): Promise<void> {
    const folderId = this.store.filter().folderId;
    await this.store.search({ ...filter, ...(folderId ? { folderId } : {}) });
  }

  async chooseFolder(folderId: FolderChoice): Promise<void> {
    await this.store.search({ ...this.searchFilter(), ...(folderId ? { folderId } : {}) });
  }

  /** Dropped while a folder is open: the files go into it (and show there once moved). */
  async upload(files: File[]): Promise<void> {
    const folderId = this.store.filter().folderId;
    const target = folderId && folderId !== 'root' ? folderId : null;
    const moves: Promise<void>[] = [];
    await this.uploads.add(files, (item) => {
      if (!target) return this.store.added(item);
      moves.push(
        this.api.update(item.id, { folderId: target }).then(
          (moved) => this.store.added(moved),
          (error) => this.error.set(problemText(error)),
        ),
      );
    });
    await Promise.all(moves);
    await this.refreshFolders();
  }

  openItem(item: LibraryItem): Promise<boolean> {
    return this.router.navigate([], { queryParams: { item: item.id }, queryParamsHandling: 'merge' });
  }

  closeItem(): void {
    const id = this.item();
    this.editing.set(null);
    if (!id) return;
    void this.router.navigate([], { queryParams: { item: null }, queryParamsHandling: 'merge' });
    // Back to the tile it was opened from, for the keyboard.
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-media="${id}"]`)?.focus());
  }

  askDelete(item: LibraryItem): void {
    if (this.canWrite()) void this.deleteDialog().ask(item);
  }

  deleted(id: string): void {
    this.store.removed(id);
    if (this.item() === id) this.detailDialog()?.close();
    void this.refreshFolders();
    void this.refreshTags();
  }

  changed(item: LibraryItem): void {
    this.store.changed(item);
    void this.refreshFolders();
    void this.refreshTags();
  }

  /** The edited copy is a new item: it goes to the top of the grid and opens. */
  async edited(item: LibraryItem): Promise<void> {
    this.store.added(item);
    this.editing.set(null);
    await this.openItem(item);
  }

  async createFolder(name: string): Promise<void> {
    await this.folderCall(() => this.api.createFolder(name));
  }

  async renameFolder(folder: MediaFolder, name: string): Promise<void> {
    await this.folderCall(() => this.api.renameFolder(folder.id, name));
  }

  async removeFolder(folder: MediaFolder): Promise<void> {
    await this.folderCall(() => this.api.removeFolder(folder.id));
    if (this.folder() === folder.id) await this.chooseFolder('');
  }

  private showDialog(): void {
    const dialog = this.detailDialog();
    // Another item opened from inside the dialog (its original, say) only changes the content.
    if (dialog && !dialog.isOpen()) dialog.open();
  }

  private async folderCall(call: () => Promise<unknown>): Promise<void> {
    this.error.set(null);
    try {
      await call();
      await this.refreshFolders();
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  private async reload(): Promise<void> {
    this.members.set([]);
    await Promise.all([
      this.store.search({}),
      this.refreshFolders(),
      this.refreshTags(),
      // Only members who may see the team can filter by uploader.
      this.team.members().then(
        (members) => this.members.set(members),
        () => this.members.set([]),
      ),
    ]);
  }

  private async refreshFolders(): Promise<void> {
    try {
      this.folders.set(await this.api.folders());
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  private async refreshTags(): Promise<void> {
    this.tags.set(await this.api.tags().catch(() => []));
  }
}
