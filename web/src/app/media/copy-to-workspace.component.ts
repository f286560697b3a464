import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { problemText } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { DialogComponent } from '../shared/dialog.component';
import { IconComponent } from '../shared/icon.component';
import { MediaApi } from './media.api';
import type { LibraryItem } from './media.types';

/** "Copy to workspace…": the item into another workspace where the member may upload. Hidden when there is none. */
@Component({
  selector: 'so-copy-to-workspace',
  imports: [DialogComponent, FormsModule, IconComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (targets().length) {
      <button type="button" (click)="open()"><so-icon name="copy" /> Copy to workspace…</button>
      <so-dialog heading="Copy to another workspace">
        @if (copied(); as c) {
          <p class="banner success" role="status">
            Copied to {{ c.workspaceName }}.
            <a
              [routerLink]="['/w', c.workspaceId, 'media']"
              [queryParams]="{ item: c.itemId }"
              (click)="dialog().close()"
              >Open it there</a
            >
          </p>
          <div class="actions"><button type="button" (click)="dialog().close()" autofocus>Done</button></div>
        } @else {
          <form (ngSubmit)="copy()">
            <label for="copy-target">Workspace</label>
            <select id="copy-target" name="target" [(ngModel)]="target" required>
              @for (w of targets(); track w.id) {
                <option [value]="w.id">{{ w.name }}</option>
              }
            </select>
            <p class="hint">The copy keeps the file name and tags; folders and favourites stay here.</p>
            @if (error()) {
              <p class="banner" role="alert">{{ error() }}</p>
            }
            <div class="actions">
              <button type="button" (click)="dialog().close()">Cancel</button>
              <button type="submit" class="primary" [disabled]="busy()">{{ busy() ? 'Copying…' : 'Copy' }}</button>
            </div>
          </form>
        }
      </so-dialog>
    }
  `,
})
export class CopyToWorkspaceComponent {
  private readonly api = inject(MediaApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly item = input.required<LibraryItem>();
  readonly dialog = viewChild.required(DialogComponent);
  readonly targets = computed(() =>
    (this.workspaces.workspaces() ?? []).filter(
      (w) => w.id !== this.workspaces.currentId() && w.permissions.includes('media:write'),
    ),
  );
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly copied = signal<{ workspaceId: string; workspaceName: string; itemId: string } | null>(null);
  target = '';

  open(): void {
    this.copied.set(null);
    this.error.set(null);
    this.target = this.targets()[0]?.id ?? '';
    this.dialog().open();
  }

  async copy(): Promise<void> {
    const workspace = this.targets().find((w) => w.id === this.target);
    if (!workspace || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const copy = await this.api.copyTo(this.item().id, workspace.id);
      this.copied.set({ workspaceId: workspace.id, workspaceName: workspace.name, itemId: copy.id });
    } catch (error) {
      this.error.set(problemText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
