import { ChangeDetectionStrategy, Component, inject, output, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { problemText, toProblem } from '../core/form-errors';
import { WorkspaceService } from '../core/workspace.service';
import { DialogComponent } from '../shared/dialog.component';
import { MediaApi } from './media.api';
import type { LibraryItem, MediaUsage } from './media.types';

/** Posts in these states are on their way out (or will be once approved): the item cannot be taken from them. */
const GOING_OUT = new Set(['scheduled', 'pending_approval', 'publishing']);
/** Posts that lose the item if the person goes on; published ones keep what went out. */
const LOSING = new Set(['draft', 'failed']);

type Step =
  | { kind: 'checking' }
  | { kind: 'unused' }
  /** Drafts (or posts not going out) carry it: they lose it if the person goes on. */
  | { kind: 'drafts'; posts: MediaUsage[] }
  /** Scheduled posts carry it: refused until it is taken out of them. */
  | { kind: 'blocked'; posts: MediaUsage[] };

/**
 * Deleting an item, asked first: where it is used decides the question. A scheduled post keeps it
 * (the server refuses, 409 MEDIA_IN_USE); drafts lose it only when the person says so (confirm=true).
 */
@Component({
  selector: 'so-media-delete',
  imports: [DialogComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <so-dialog [heading]="heading()" (closed)="item.set(null)">
      @switch (step().kind) {
        @case ('checking') {
          <p class="muted" role="status">Checking where it is used…</p>
        }
        @case ('unused') {
          <p>No post uses it. This cannot be undone.</p>
        }
        @case ('drafts') {
          <p>These posts use it and will lose it:</p>
        }
        @case ('blocked') {
          <p>Scheduled posts use it. Take it out of them (or unschedule them) first:</p>
        }
      }
      @if (posts().length) {
        <ul class="usage">
          @for (u of posts(); track u.postId) {
            <li>
              <a [routerLink]="['/w', workspaceId(), 'posts', u.postId]" (click)="dialog().close()">{{
                u.excerpt || '(no text)'
              }}</a>
              <span class="muted small"> · {{ stateText(u.state) }}</span>
            </li>
          }
        </ul>
      }
      @if (error()) {
        <p class="banner" role="alert">{{ error() }}</p>
      }
      <div class="actions">
        <button type="button" (click)="dialog().close()" autofocus>
          {{ step().kind === 'blocked' ? 'Close' : 'Cancel' }}
        </button>
        @if (step().kind === 'unused' || step().kind === 'drafts') {
          <button type="button" class="danger" [disabled]="busy()" (click)="remove()">
            {{ step().kind === 'drafts' ? 'Delete anyway' : 'Delete file' }}
          </button>
        }
      </div>
    </so-dialog>
  `,
})
export class MediaDeleteComponent {
  private readonly api = inject(MediaApi);
  private readonly workspaces = inject(WorkspaceService);
  readonly deleted = output<string>();
  readonly dialog = viewChild.required(DialogComponent);
  readonly item = signal<LibraryItem | null>(null);
  readonly step = signal<Step>({ kind: 'checking' });
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly workspaceId = this.workspaces.currentId;

  heading(): string {
    const name = this.item()?.fileName ?? 'this file';
    return this.step().kind === 'blocked' ? `${name} is in use` : `Delete ${name}?`;
  }

  posts(): MediaUsage[] {
    const step = this.step();
    return step.kind === 'drafts' || step.kind === 'blocked' ? step.posts : [];
  }

  stateText(state: string): string {
    return state === 'pending_approval' ? 'awaiting approval' : state;
  }

  /** Opens the question for `item`, after reading where it is used. */
  async ask(item: LibraryItem): Promise<void> {
    this.item.set(item);
    this.error.set(null);
    this.step.set({ kind: 'checking' });
    this.dialog().open();
    try {
      const { usage } = await this.api.get(item.id);
      const blocking = usage.filter((u) => GOING_OUT.has(u.state));
      const open = usage.filter((u) => LOSING.has(u.state));
      this.step.set(
        blocking.length
          ? { kind: 'blocked', posts: blocking }
          : open.length
            ? { kind: 'drafts', posts: open }
            : { kind: 'unused' },
      );
    } catch (error) {
      this.error.set(problemText(error));
    }
  }

  async remove(): Promise<void> {
    const item = this.item();
    if (!item || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.remove(item.id, this.step().kind === 'drafts');
      this.dialog().close();
      this.deleted.emit(item.id);
    } catch (error) {
      await this.refused(item, error);
    } finally {
      this.busy.set(false);
    }
  }

  /** The server knows better (a post was scheduled meanwhile): show its answer with the posts as they are now. */
  private async refused(item: LibraryItem, error: unknown): Promise<void> {
    const code = toProblem(error).code;
    if (code !== 'MEDIA_IN_USE' && code !== 'MEDIA_USED_BY_DRAFTS') {
      this.error.set(problemText(error));
      return;
    }
    const { usage } = await this.api.get(item.id).catch(() => ({ usage: [] as MediaUsage[] }));
    this.step.set(
      code === 'MEDIA_IN_USE'
        ? { kind: 'blocked', posts: usage.filter((u) => GOING_OUT.has(u.state)) }
        : { kind: 'drafts', posts: usage.filter((u) => LOSING.has(u.state)) },
    );
  }
}
