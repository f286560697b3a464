import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ConfirmButtonComponent } from '../shared/confirm-button.component';
import type { MediaFolder } from './media.types';

/** '' is every item, 'root' those in no folder, otherwise a folder's id. */
export type FolderChoice = string;

/** The library's folders: choose one to see its items; add, rename and delete them. */
@Component({
  selector: 'so-folder-list',
  imports: [FormsModule, ConfirmButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="folders" aria-label="Folders">
      <ul>
        <li>
          <button
            type="button"
            class="folder"
            [attr.aria-current]="current() === '' ? 'true' : null"
            (click)="chosen.emit('')"
          >
            All media
          </button>
        </li>
        <li>
          <button
            type="button"
            class="folder"
            [attr.aria-current]="current() === 'root' ? 'true' : null"
            (click)="chosen.emit('root')"
          >
            Not in a folder
          </button>
        </li>
        @for (f of tree(); track f.id) {
          <li [style.padding-left.rem]="f.depth * 0.9">
            @if (renaming() === f.id) {
              <form class="inline-rename" (ngSubmit)="rename(f)">
                <input
                  name="name"
                  [(ngModel)]="draft"
                  [attr.aria-label]="'New name for ' + f.name"
                  (keydown.escape)="renaming.set(null)"
                  required
                />
                <button type="submit" class="small">Save</button>
              </form>
            } @else {
              <button
                type="button"
                class="folder"
                [attr.aria-current]="current() === f.id ? 'true' : null"
                (click)="chosen.emit(f.id)"
              >
                {{ f.name }}
              </button>
              @if (canWrite() && current() === f.id) {
                <span class="folder-actions">
                  <button type="button" class="link small" (click)="startRename(f)">Rename</button>
                  <so-confirm-button
                    label="Delete"
                    [ariaLabel]="'Delete folder ' + f.name"
                    [question]="'Delete the folder ' + f.name + '?'"
                    detail="Its files stay in the library, outside any folder."
                    confirmLabel="Delete folder"
                    (confirmed)="removed.emit(f)"
                  />
                </span>
              }
            }
          </li>
        }
      </ul>
      @if (canWrite()) {
        <form class="new-folder" (ngSubmit)="create()">
          <label for="new-folder">New folder</label>
          <div class="new-folder-row">
            <input id="new-folder" name="newFolder" [(ngModel)]="newName" placeholder="e.g. Spring campaign" />
            <button type="submit" class="small" [disabled]="!newName.trim()">Add</button>
          </div>
        </form>
      }
    </nav>
  `,
  styles: `
    ul {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .folder {
      width: 100%;
      justify-content: flex-start;
      border: 0;
      background: none;
      font-weight: 500;
      padding: 0.4rem 0.6rem;
    }
    .folder[aria-current='true'] {
      background: var(--primary-soft);
      color: var(--primary-dark);
      font-weight: 600;
    }
    .folder-actions {
      display: flex;
      gap: 0.6rem;
      align-items: center;
      padding: 0.1rem 0.6rem 0.4rem;
    }
    .inline-rename {
      display: flex;
      gap: 0.3rem;
    }
    .new-folder label {
      font-size: 0.85rem;
    }
    .new-folder-row {
      display: flex;
      gap: 0.4rem;
    }
    .new-folder-row input {
      flex: 1;
      min-width: 0;
    }
  `,
})
export class FolderListComponent {
  readonly folders = input.required<MediaFolder[]>();
  readonly current = input.required<FolderChoice>();
  readonly canWrite = input(false);
  readonly chosen = output<FolderChoice>();
  readonly created = output<string>();
  readonly renamed = output<{ folder: MediaFolder; name: string }>();
  readonly removed = output<MediaFolder>();
  readonly renaming = signal<string | null>(null);
  /** Folders under their parents, each with its depth; one whose parent is missing shows at the top. */
  readonly tree = computed(() => {
    const folders = this.folders();
    const ids = new Set(folders.map((f) => f.id));
    const out: (MediaFolder & { depth: number })[] = [];
    const visit = (parentId: string | null, depth: number) => {
      for (const f of folders.filter((x) => (x.parentId && ids.has(x.parentId) ? x.parentId : null) === parentId)) {
        out.push({ ...f, depth });
        visit(f.id, depth + 1);
      }
    };
    visit(null, 0);
    return out;
  });
  newName = '';
  draft = '';

  create(): void {
    const name = this.newName.trim();
    if (!name) return;
    this.created.emit(name);
    this.newName = '';
  }

  startRename(folder: MediaFolder): void {
    this.draft = folder.name;
    this.renaming.set(folder.id);
  }

  rename(folder: MediaFolder): void {
    const name = this.draft.trim();
    if (name && name !== folder.name) this.renamed.emit({ folder, name });
    this.renaming.set(null);
  }
}
